// The storage step of ingest. The deliveries that make up nearly all of the traffic (first messages,
// identical repeats, plain updates) are stored by the group-commit writer: one transaction per batch
// (lib/ingest/sqlite-writer.ts, lib/ingest/postgres-writer.ts, lib/ingest/fast-store.ts).
// Everything else is one Prisma transaction per delivery, below.
//
// Identity and races are settled by the database, not by reading first: PaymentMessage is unique
// on (payment, reqMsgId, fingerprint), Payment on objectId. A transaction that loses a race fails
// on that key, is run again, and then sees the winner. Messages for one payment are decided one
// after the other (the payment's row is locked: lockPayment).
import type { Prisma } from "@/generated/prisma/client";
import { databaseConfig } from "../config";
import { databaseReady, lockNames, lockPayment, prisma } from "../db";
import { applyConfirmation } from "../confirmations/store";
import { classifyStorageError, describeStorageError, StorageUnavailableError, UnstorableMessageError } from "./errors";
import { decideOrder, type Timing } from "./ordering";
import type { PaymentRecord } from "./payment-record";
import { recordRollupChange, rollupStateOf, type RollupState } from "../overview/daily-totals";
import { recordParties } from "../parties/directory";
import { afterMessageStored, firstMessageLocks, readStateBefore } from "../signals/at-ingest";
import { normalizeUtr } from "../utr";
import { databaseUrl, registerDatabaseCloser } from "../database-url";
import { FAST_MAX_INVOICES, paymentStateSelect } from "./fast-store";
import { localGroupWriter, openLocalWriter, type GroupWriter } from "./group-writer";
import { PASS } from "./script";
import { WriterThread, writerThreadAvailable } from "./writer-thread";
import { yieldToEventLoop } from "../yield";
import { deliveryData, duplicateReasonText, messageSummary, type DeliveryEnvelope, type Outcome, type StoredDelivery } from "./rows";

export { deliveryData, messageSummary, type DeliveryEnvelope, type Outcome, type StoredDelivery } from "./rows";

type Tx = Prisma.TransactionClient;

const MAX_ATTEMPTS = 4;

export async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      await databaseReady();
      const config = databaseConfig();
      // maxWait: a free connection (PostgreSQL pool); timeout: the whole transaction.
      return await prisma.$transaction(work, { maxWait: config.DATABASE_CONNECT_TIMEOUT_MS, timeout: config.DATABASE_TRANSACTION_TIMEOUT_MS });
    } catch (error) {
      const failure = classifyStorageError(error);
      // A unique violation means a concurrent twin committed first: run again to see it.
      if (failure === "retry" && attempt < MAX_ATTEMPTS) continue;
      if (failure === "deterministic") throw new UnstorableMessageError(describeStorageError(error), error);
      throw new StorageUnavailableError(error);
    }
  }
}

/** Keeps a delivery that was refused (auth, size, parse, validation), linked to its payment if known. */
export function storeRejectedDelivery(
  envelope: DeliveryEnvelope,
  refusal: { httpStatus: number; reason: string; objectId?: string; reqMsgId?: string; utr?: string },
): Promise<StoredDelivery> {
  return inTransaction(async (tx) => {
    const payment = refusal.objectId
      ? await tx.payment.findUnique({ where: { objectId: refusal.objectId }, select: { id: true } })
      : null;
    const row = await tx.delivery.create({
      data: {
        ...deliveryData(envelope),
        outcome: "rejected",
        httpStatus: refusal.httpStatus,
        reason: refusal.reason,
        objectId: refusal.objectId ?? null,
        reqMsgId: refusal.reqMsgId ?? null,
        utrNormalized: refusal.utr === undefined ? null : normalizeUtr(refusal.utr),
        paymentId: payment?.id ?? null,
      },
      select: { id: true },
    });
    return { deliveryId: row.id, outcome: "rejected", paymentId: payment?.id ?? null, reason: refusal.reason };
  });
}

/**
 * Stores a valid message and classifies it against what is already stored (README → Ordering):
 * identical to a stored message → duplicate; new payment → accepted; otherwise decideOrder says
 * updated, revised, stale or conflict. Only accepted, updated and revised write payment data.
 */
export async function storePaymentMessage(envelope: DeliveryEnvelope, record: PaymentRecord, fingerprint: string): Promise<StoredDelivery> {
  const writer = record.invoices.length <= FAST_MAX_INVOICES ? groupWriter() : null;
  if (writer) {
    const stored = await writer.store(envelope, record, fingerprint).catch((error: unknown) => {
      throw new StorageUnavailableError(error);
    });
    if (stored !== PASS) return stored;
  }
  return storeOneMessage(envelope, record, fingerprint);
}

let writer: GroupWriter | null | undefined;

/**
 * The group-commit writer (lib/ingest/group-writer.ts): on a thread of its own
 * (lib/ingest/writer-thread.ts) unless INGEST_WRITER_THREAD=off; null when INGEST_GROUP_COMMIT=off.
 * If it cannot be opened, the per-delivery path stores the delivery (and meets the same problem);
 * the writer is opened again on the next delivery.
 */
export function groupWriter(): GroupWriter | null {
  const config = databaseConfig();
  if (config.INGEST_GROUP_COMMIT === "off") return null;
  if (writer !== undefined) return writer;
  const url = databaseUrl();
  try {
    const opened: GroupWriter = config.INGEST_WRITER_THREAD === "on" && writerThreadAvailable()
      ? new WriterThread(url, () => {
          if (writer === opened) writer = undefined;
        })
      : localGroupWriter(openLocalWriter(url, config));
    registerDatabaseCloser(closeGroupWriter);
    return (writer = opened);
  } catch {
    return null;
  }
}

/** Closes the group-commit writer (what waits for it passes to the per-delivery path); the next delivery opens it again. */
export async function closeGroupWriter(): Promise<void> {
  const open = writer;
  writer = undefined;
  await open?.close();
}

/** The per-delivery path: one Prisma transaction that decides and stores any valid message. */
export function storeOneMessage(envelope: DeliveryEnvelope, record: PaymentRecord, fingerprint: string): Promise<StoredDelivery> {
  return inTransaction(async (tx) => {
    const delivery = {
      ...deliveryData(envelope),
      httpStatus: 200,
      objectId: record.objectId,
      reqMsgId: record.reqMsgId,
      utrNormalized: record.scalars.utrNormalized,
    };
    const keep = async (paymentId: number, messageId: number, outcome: Outcome, reason: string | null): Promise<StoredDelivery> => {
      const row = await tx.delivery.create({ data: { ...delivery, outcome, reason, paymentId, messageId }, select: { id: true } });
      return { deliveryId: row.id, outcome, paymentId, reason };
    };

    await lockPayment(tx, record.objectId);
    const current = await tx.payment.findUnique({
      where: { objectId: record.objectId },
      select: paymentStateSelect,
    });
    const failed = record.scalars.status === "failure";
    if (!current) {
      // A confirmation stored meanwhile must be seen below (lib/confirmations/store.ts), and so must
      // a payment of the same invoices (lib/signals/duplicates.ts): one statement takes both locks.
      await lockNames(tx, firstMessageLocks(record));
      // Payment.objectId is unique: a concurrent first message fails here and is run again.
      const created = await tx.payment.create({
        data: { ...record.scalars, firstReceivedAt: envelope.receivedAt, hadFailure: failed },
        select: { id: true },
      });
      await writePaymentItems(tx, created.id, record);
      await recordRollupChange(tx, null, rollupStateOf(record.scalars));
      await recordParties(tx, record, envelope.receivedAt);
      const message = await createMessage(tx, created.id, record, fingerprint, "accepted");
      await afterMessageStored(tx, { paymentId: created.id, messageId: message, record, receivedAt: envelope.receivedAt, applied: true, outcome: "accepted", before: null });
      await applyConfirmation(tx, record.objectId);
      return keep(created.id, message, "accepted", null);
    }

    const known = await tx.paymentMessage.findUnique({
      where: { paymentId_reqMsgId_fingerprint: { paymentId: current.id, reqMsgId: record.reqMsgId, fingerprint } },
      select: { id: true, outcome: true },
    });
    if (known) return keep(current.id, known.id, "duplicate", await duplicateReason(tx, known));

    const earlier = await tx.paymentMessage.findFirst({
      where: { paymentId: current.id, reqMsgId: record.reqMsgId },
      orderBy: { id: "desc" },
      select: { tsInstant: true, tsTrusted: true, receivedAt: true },
    });
    const state: Timing = { tsInstant: current.tsInstant, tsTrusted: current.tsTrusted, receivedAt: current.stateReceivedAt };
    const decision = decideOrder(state, earlier, record.timing);
    // Unique on (payment, reqMsgId, fingerprint): a concurrent identical message fails here and
    // is run again as a duplicate, so one disagreement is one conflict row.
    const before = await readStateBefore(tx, current.id, current);
    const message = await createMessage(tx, current.id, record, fingerprint, decision.outcome);
    if (decision.apply) {
      await replacePaymentState(tx, current.id, record, current);
      await recordParties(tx, record, envelope.receivedAt);
    }
    await afterMessageStored(tx, { paymentId: current.id, messageId: message, record, receivedAt: envelope.receivedAt, applied: decision.apply, outcome: decision.outcome, before });
    // The payment's story, whatever the order the messages came in: did any of them report a
    // failure, and did any disagree on the amount (lib/payments/story.ts)?
    const story = { hadFailure: current.hadFailure || failed, amountChanged: current.amountChanged || record.scalars.totalPaise !== current.totalPaise };
    if (story.hadFailure !== current.hadFailure || story.amountChanged !== current.amountChanged) {
      await tx.payment.update({ where: { id: current.id }, data: story, select: { id: true } });
    }
    return keep(current.id, message, decision.outcome, decision.reason);
  });
}

/** Rows per INSERT; between batches a large payment lets other requests run. */
const BATCH_ROWS = 100;

/**
 * A payment's invoices, splits and additional infos, in multi-row INSERTs. A payment with
 * thousands of invoices is written in batches, yielding to the event loop between them: on SQLite
 * every statement runs synchronously, so one long run would stall every other request.
 */
async function writePaymentItems(tx: Tx, paymentId: number, record: PaymentRecord): Promise<void> {
  const { invoices, additionalInfos } = record;
  for (let start = 0; start < invoices.length; start += BATCH_ROWS) {
    const batch = invoices.slice(start, start + BATCH_ROWS);
    const rows = await tx.invoicePayInfo.createManyAndReturn({
      data: batch.map((invoice) => ({ ...invoice.row, paymentId })),
      select: { id: true, position: true },
    });
    const idAt = new Map(rows.map((row) => [row.position, row.id]));
    const splits = batch.flatMap((invoice) => invoice.splits.map((split) => ({ ...split, invoiceId: idAt.get(invoice.row.position)! })));
    for (let at = 0; at < splits.length; at += BATCH_ROWS) await tx.invoiceSplit.createMany({ data: splits.slice(at, at + BATCH_ROWS) });
    if (invoices.length > BATCH_ROWS) await yieldToEventLoop();
  }
  for (let at = 0; at < additionalInfos.length; at += BATCH_ROWS) {
    await tx.additionalInfo.createMany({ data: additionalInfos.slice(at, at + BATCH_ROWS).map((info) => ({ ...info, paymentId })) });
  }
}

async function createMessage(tx: Tx, paymentId: number, record: PaymentRecord, fingerprint: string, outcome: Outcome): Promise<number> {
  const { tsInstant, tsTrusted, receivedAt } = record.timing;
  const row = await tx.paymentMessage.create({
    data: { paymentId, reqMsgId: record.reqMsgId, fingerprint, outcome, tsInstant, tsTrusted, receivedAt, ...messageSummary(record) },
    select: { id: true },
  });
  return row.id;
}

async function duplicateReason(tx: Tx, known: { id: number; outcome: string }): Promise<string> {
  const first = await tx.delivery.findFirst({ where: { messageId: known.id }, orderBy: { id: "asc" }, select: { id: true } });
  return duplicateReasonText(known.outcome, first?.id ?? null);
}

/** Replaces a payment's state (its row and its items, and its place in the daily rollup) with a message's. */
export async function replacePaymentState(tx: Tx, paymentId: number, record: PaymentRecord, before: RollupState): Promise<void> {
  await recordRollupChange(tx, before, rollupStateOf(record.scalars));
  await tx.invoiceSplit.deleteMany({ where: { invoice: { paymentId } } });
  await tx.invoicePayInfo.deleteMany({ where: { paymentId } });
  await tx.additionalInfo.deleteMany({ where: { paymentId } });
  await tx.payment.update({ where: { id: paymentId }, data: record.scalars, select: { id: true } });
  await writePaymentItems(tx, paymentId, record);
}
