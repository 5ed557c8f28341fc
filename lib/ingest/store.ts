// The storage step of ingest: one transaction per delivery. Kept behind two functions so a
// faster write path (raw SQL, batching) can replace this file without touching the route.
import type { Prisma } from "@/generated/prisma/client";
import { databaseReady, prisma } from "../db";
import { isRetryable, StorageUnavailableError } from "./errors";
import type { PaymentRecord } from "./payment-record";
import { normalizeUtr } from "../utr";

export type Outcome = "accepted" | "duplicate" | "updated" | "stale" | "conflict" | "rejected";

/** What is known of a request before its body is interpreted. */
export interface DeliveryEnvelope {
  receivedAt: Date;
  sourceIp: string | null;
  headers: Record<string, string>;
  rawBody: string;
  rawEncoding: "utf8" | "base64";
  rawMasked: boolean;
  bodyBytes: number;
}

export interface StoredDelivery {
  deliveryId: number;
  outcome: Outcome;
  paymentId: number | null;
  reason: string | null;
}

type Tx = Prisma.TransactionClient;

const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;
const MAX_ATTEMPTS = 4;

async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      await databaseReady();
      return await prisma.$transaction(work, TX_OPTIONS);
    } catch (error) {
      // A unique violation means a concurrent twin committed first: run again to see it.
      if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
      throw new StorageUnavailableError(error);
    }
  }
}

function deliveryData(envelope: DeliveryEnvelope): Omit<Prisma.DeliveryUncheckedCreateInput, "outcome" | "httpStatus"> {
  return { ...envelope, headers: JSON.stringify(envelope.headers) };
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
 * Stores a valid message and classifies it against what is already stored:
 * - same objectId + reqMsgId, same content → duplicate; different content → conflict;
 * - new payment → accepted; later ts → updated (children replaced, history kept in deliveries);
 * - earlier ts → stale; equal or unorderable ts → conflict. Nothing but "accepted"/"updated" writes payment data.
 */
export function storePaymentMessage(envelope: DeliveryEnvelope, record: PaymentRecord, contentHash: string): Promise<StoredDelivery> {
  const messageKey = `${record.objectId} ${record.reqMsgId}`;
  return inTransaction(async (tx) => {
    const base = {
      ...deliveryData(envelope),
      httpStatus: 200,
      contentHash,
      objectId: record.objectId,
      reqMsgId: record.reqMsgId,
      utrNormalized: record.scalars.utrNormalized,
    };
    const earlier = await tx.delivery.findUnique({ where: { messageKey }, select: { contentHash: true, paymentId: true } });
    if (earlier) {
      const { outcome, reason } = await classifyRepeat(tx, record, contentHash, earlier.contentHash);
      const row = await tx.delivery.create({ data: { ...base, outcome, reason, paymentId: earlier.paymentId }, select: { id: true } });
      return { deliveryId: row.id, outcome, paymentId: earlier.paymentId, reason };
    }

    const { outcome, paymentId, reason } = await applyToPayment(tx, record, envelope.receivedAt);
    // messageKey is unique: a concurrent identical delivery fails here and is retried as a duplicate.
    const row = await tx.delivery.create({ data: { ...base, outcome, reason, paymentId, messageKey }, select: { id: true } });
    return { deliveryId: row.id, outcome, paymentId, reason };
  });
}

/** A message whose objectId + reqMsgId is already stored: a duplicate, or a conflict for review. */
async function classifyRepeat(tx: Tx, record: PaymentRecord, contentHash: string, storedHash: string | null): Promise<{ outcome: Outcome; reason: string }> {
  if (contentHash === storedHash) return { outcome: "duplicate", reason: "identical repeat of a stored message" };
  // A repeat of a conflicting body already kept for review is a duplicate of that conflict,
  // so retries of one disagreement do not fill the review queue.
  const kept = await tx.delivery.findFirst({
    where: { objectId: record.objectId, reqMsgId: record.reqMsgId, contentHash, outcome: "conflict" },
    select: { id: true },
  });
  if (kept) return { outcome: "duplicate", reason: `identical repeat of conflicting delivery #${kept.id}, already kept for review` };
  return { outcome: "conflict", reason: "same objectId and reqMsgId as a stored message, different content: kept for review, nothing overwritten" };
}

async function applyToPayment(tx: Tx, record: PaymentRecord, receivedAt: Date) {
  const current = await tx.payment.findUnique({ where: { objectId: record.objectId }, select: { id: true, tsInstant: true } });
  if (!current) {
    const created = await tx.payment.create({
      data: {
        ...record.scalars,
        occurredAt: record.tsInstant ?? receivedAt,
        firstReceivedAt: receivedAt,
        invoices: { create: record.invoices },
        additionalInfos: { create: record.additionalInfos },
      },
      select: { id: true },
    });
    return { outcome: "accepted" as const, paymentId: created.id, reason: null };
  }

  const newer = record.tsInstant && current.tsInstant ? record.tsInstant.getTime() - current.tsInstant.getTime() : 0;
  if (record.tsInstant === null || current.tsInstant === null || newer === 0) {
    const reason = newer === 0 && record.tsInstant && current.tsInstant
      ? "same payment, same ts, different message: kept for review, nothing overwritten"
      : "same payment, ts cannot be ordered: kept for review, nothing overwritten";
    return { outcome: "conflict" as const, paymentId: current.id, reason };
  }
  if (newer < 0) {
    return { outcome: "stale" as const, paymentId: current.id, reason: "older than the stored state (earlier ts): not applied" };
  }
  // Compare-and-set on ts: a concurrent newer message that committed first makes this one stale.
  const { count } = await tx.payment.updateMany({
    where: { id: current.id, tsInstant: { lt: record.tsInstant } },
    data: { ...record.scalars, occurredAt: record.tsInstant },
  });
  if (count === 0) {
    return { outcome: "stale" as const, paymentId: current.id, reason: "a newer message was stored first: not applied" };
  }
  await tx.invoiceSplit.deleteMany({ where: { invoice: { paymentId: current.id } } });
  await tx.invoicePayInfo.deleteMany({ where: { paymentId: current.id } });
  await tx.additionalInfo.deleteMany({ where: { paymentId: current.id } });
  await tx.payment.update({
    where: { id: current.id },
    data: { invoices: { create: record.invoices }, additionalInfos: { create: record.additionalInfos } },
    select: { id: true },
  });
  return { outcome: "updated" as const, paymentId: current.id, reason: null };
}
