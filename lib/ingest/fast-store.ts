// The group-commit writers' work (lib/ingest/sqlite-writer.ts, lib/ingest/postgres-writer.ts): the
// deliveries that make up nearly all of the traffic, stored inside the batch's transaction by one
// script for both databases (lib/ingest/script.ts).
//
//   - an identical repeat of a stored message: a duplicate delivery;
//   - a payment's first message that raises no signal and finds no confirmation waiting: the payment
//     and its invoices, splits, additional infos, rollup row, message, directory rows and delivery;
//   - a later message (an update or a revision) that contradicts nothing and raises or clears no
//     signal: the payment's new state, the invoices it replaced kept for invoice search, and the rest.
//
// Everything else answers PASS and is stored by the per-delivery path (lib/ingest/store.ts), which
// decides it exactly as before: a stale or conflicting message; one that contradicts the state; a
// payment of an invoice that another settled payment holds; a supplier's new bank account; a
// confirmation that arrived first; a payment with more invoices than a batch should carry. The rows
// written here are the ones that path writes for the same message, column for column
// (tests/group-commit.test.ts compares them).
import { holdersQuery } from "../signals/duplicates";
import { accountRefresh, accountsOf, newAccountRow } from "../signals/accounts";
import { APPLIED, firstMessageLocks, recordIdentities, recordSide, stateBefore, stateBeforeSelect, type StateRow } from "../signals/at-ingest";
import { findContradictions } from "../signals/contradictions";
import { identitySubject, type InvoiceIdentity } from "../signals/invoice-keys";
import { isCurrentRow, partySearchText, type PartyKind } from "../parties/directory";
import { rollupChangeRows, rollupStateOf, rollupStateSelect } from "../overview/daily-totals";
import { decideOrder } from "./ordering";
import type { PaymentRecord } from "./payment-record";
import { deliveryData, duplicateReasonText, messageSummary, type DeliveryEnvelope, type Outcome, type StoredDelivery } from "./rows";
import { flag, instant, PASS, readRow, readRows, sql, type Pass, type Read, type Script, type Statement } from "./script";

/**
 * Payments with more invoices than this are not queued for a batch (lib/ingest/store.ts): the
 * per-delivery path stores them, yielding between batches of rows.
 */
export const FAST_MAX_INVOICES = 100;

/** What a new message is decided against: the same columns the per-delivery path reads (lib/ingest/store.ts). */
export const paymentStateSelect = { id: true, hadFailure: true, amountChanged: true, ...rollupStateSelect, ...stateBeforeSelect } as const;

type Step<T> = Generator<Statement, T, unknown>;

/** Stores a valid message when it is a repeat, a plain first message or a plain update; else PASS. */
export function* storeMessageScript(envelope: DeliveryEnvelope, record: PaymentRecord, fingerprint: string): Script<StoredDelivery> {
  const keep = function* (outcome: Outcome, paymentId: number, messageId: number, reason: string | null): Step<StoredDelivery> {
    const deliveryId = yield* sql.insert("Delivery", {
      ...deliveryData(envelope),
      httpStatus: 200,
      objectId: record.objectId,
      reqMsgId: record.reqMsgId,
      utrNormalized: record.scalars.utrNormalized,
      outcome,
      reason,
      paymentId,
      messageId,
    });
    return { deliveryId, outcome, paymentId, reason };
  };

  // Messages for one payment are decided one after the other (lib/db.ts → lockPayment).
  const payment = yield* sql.getForUpdate<PaymentState>(`SELECT ${STATE_COLUMNS} FROM "Payment" WHERE "objectId" = ?`, record.objectId);
  if (!payment) {
    // The confirmation's and the invoices' named locks, as the per-delivery path takes them.
    yield* sql.lockNames(firstMessageLocks(record));
    const stored = yield* storeFirstMessage(envelope, record, fingerprint);
    return stored === PASS ? PASS : yield* keep("accepted", stored.paymentId, stored.messageId, null);
  }
  const known = yield* sql.get<{ id: number; outcome: string }>(
    'SELECT "id", "outcome" FROM "PaymentMessage" WHERE "paymentId" = ? AND "reqMsgId" = ? AND "fingerprint" = ?',
    payment.id, record.reqMsgId, fingerprint,
  );
  if (known) {
    const first = yield* sql.get<{ id: number }>('SELECT "id" FROM "Delivery" WHERE "messageId" = ? ORDER BY "id" LIMIT 1', known.id);
    return yield* keep("duplicate", payment.id, known.id, duplicateReasonText(known.outcome, first?.id ?? null));
  }
  const stored = yield* storeLaterMessage(envelope, record, fingerprint, payment);
  return stored === PASS ? PASS : yield* keep(stored.outcome, payment.id, stored.messageId, stored.reason);
}

/** The stored payment as the drivers return it: what ordering, the rollup, the story and the comparison read. */
interface PaymentState {
  id: number;
  hadFailure: unknown;
  amountChanged: unknown;
  /** ISO text (SQLite) or a Date (PostgreSQL). */
  occurredAt: string | Date;
  status: string;
  result: string;
  errorCd: string;
  mode: string;
  type: string;
  utr: string;
  totalPaise: number | bigint | string;
  supplierB2BId: string;
  buyerB2BId: string;
  tsInstant: unknown;
  tsTrusted: unknown;
  stateReceivedAt: unknown;
}
const STATE_COLUMNS = Object.keys(paymentStateSelect)
  .map((c) => `"${c}"`)
  .join(", ");

/** The payment's row as the Prisma path reads it (instants as Dates, amounts as bigint). */
function stateRow(p: PaymentState): StateRow & { occurredAt: Date; buyerB2BId: string } {
  return {
    result: p.result,
    utr: p.utr,
    status: p.status,
    errorCd: p.errorCd,
    totalPaise: BigInt(p.totalPaise),
    supplierB2BId: p.supplierB2BId,
    buyerB2BId: p.buyerB2BId,
    tsInstant: p.tsInstant === null ? null : instant(p.tsInstant),
    tsTrusted: flag(p.tsTrusted),
    stateReceivedAt: instant(p.stateReceivedAt),
    occurredAt: instant(p.occurredAt),
  };
}

type StateInvoice = Parameters<typeof stateBefore>[1][number];

/**
 * A new message for a stored payment (lib/ingest/store.ts decides the same way): applied when it is
 * later than the state, and then only here when it contradicts nothing and touches no invoice that
 * another settled payment holds.
 */
function* storeLaterMessage(envelope: DeliveryEnvelope, record: PaymentRecord, fingerprint: string, payment: PaymentState): Step<{ messageId: number; outcome: Outcome; reason: string | null } | Pass> {
  const at = envelope.receivedAt;
  const row = stateRow(payment);
  const earlier = yield* sql.get<{ tsInstant: unknown; tsTrusted: unknown; receivedAt: unknown }>(
    'SELECT "tsInstant", "tsTrusted", "receivedAt" FROM "PaymentMessage" WHERE "paymentId" = ? AND "reqMsgId" = ? ORDER BY "id" DESC LIMIT 1',
    payment.id, record.reqMsgId,
  );
  const decision = decideOrder(
    { tsInstant: row.tsInstant, tsTrusted: row.tsTrusted, receivedAt: row.stateReceivedAt },
    earlier ? { tsInstant: earlier.tsInstant === null ? null : instant(earlier.tsInstant), tsTrusted: flag(earlier.tsTrusted), receivedAt: instant(earlier.receivedAt) } : null,
    record.timing,
  );
  if (!decision.apply) return PASS; // stale or conflicting: kept for review by the per-delivery path
  const invoices = yield* sql.all<StateInvoice>(
    'SELECT "position", "objectId", "supplierInvoiceNumber", "invoiceNumberKey", "currentVersion", "newVersion", "currentStatus", "newStatus", "paidPaise" FROM "InvoicePayInfo" WHERE "paymentId" = ? ORDER BY "position"',
    [payment.id],
  );
  const before = stateBefore(row, invoices);
  if (findContradictions(before.side, recordSide(record, null)).reasons.length > 0) return PASS;
  if (record.scalars.status === "success" || before.side.status === "success") {
    const identities = [...before.identities, ...recordIdentities(record)];
    yield* sql.lockNames([...new Set(identities.map(identitySubject))]);
    if (!(yield* onlyHolder(payment.id, identities, record.scalars.supplierB2BId))) return PASS;
  }
  const [accounts, parties] = yield* together(accountReads(record), partyReads(record));
  if (!(yield* recordAccounts(record, at, accounts))) return PASS;

  const messageId = yield* insertMessage(payment.id, record, fingerprint, decision.outcome);
  yield* sql.insertAll("DailyTotal", rollupChangeRows(rollupStateOf(payment), rollupStateOf(record.scalars)));
  yield* sql.run('DELETE FROM "InvoiceSplit" WHERE "invoiceId" IN (SELECT "id" FROM "InvoicePayInfo" WHERE "paymentId" = ?)', payment.id);
  yield* sql.run('DELETE FROM "InvoicePayInfo" WHERE "paymentId" = ?', payment.id);
  yield* sql.run('DELETE FROM "AdditionalInfo" WHERE "paymentId" = ?', payment.id);
  yield* sql.update("Payment", payment.id, { ...record.scalars, updatedAt: new Date() });
  yield* writeItems(payment.id, record);
  yield* recordParties(record, at, parties);
  // Invoice search keeps the replaced state's invoices under the message that had set it.
  const stateMessage = yield* sql.get<{ id: number }>(
    `SELECT "id" FROM "PaymentMessage" WHERE "paymentId" = ? AND "outcome" IN (${APPLIED.map(() => "?").join(", ")}) AND "id" <> ? ORDER BY "id" DESC LIMIT 1`,
    payment.id, ...APPLIED, messageId,
  );
  if (stateMessage) yield* sql.insertAll("InvoiceTouch", before.touches.map((touch) => ({ ...touch, paymentId: payment.id, messageId: stateMessage.id })));
  const story = {
    hadFailure: flag(payment.hadFailure) || record.scalars.status === "failure",
    amountChanged: flag(payment.amountChanged) || BigInt(record.scalars.totalPaise) !== row.totalPaise,
  };
  if (story.hadFailure !== flag(payment.hadFailure) || story.amountChanged !== flag(payment.amountChanged)) yield* sql.update("Payment", payment.id, story);
  return { messageId, outcome: decision.outcome, reason: decision.reason };
}

function* storeFirstMessage(envelope: DeliveryEnvelope, record: PaymentRecord, fingerprint: string): Step<{ paymentId: number; messageId: number } | Pass> {
  const at = envelope.receivedAt;
  const { scalars } = record;
  const settles = scalars.status === "success";
  const holders = holdersRead(recordIdentities(record));
  // The reads do not depend on each other (the locks are held): one round trip on PostgreSQL.
  const [confirmation, held, accounts, parties] = yield* together(
    [readRow('SELECT 1 AS "x" FROM "PaymentConfirmation" WHERE "objectId" = ? LIMIT 1', record.objectId)],
    settles && holders ? [holders.read] : [],
    accountReads(record),
    partyReads(record),
  );
  // A confirmation that came first is applied by the per-delivery path (applyConfirmation).
  if (confirmation[0]) return PASS;
  // An invoice another settled payment holds may be paid twice: the duplicate check decides.
  if (settles && holders && !holders.none(held[0] as HolderRow[], scalars.supplierB2BId, null)) return PASS;
  if (!(yield* recordAccounts(record, at, accounts))) return PASS;
  yield* recordParties(record, at, parties);
  const paymentId = yield* sql.insert("Payment", { ...scalars, firstReceivedAt: at, hadFailure: scalars.status === "failure", updatedAt: new Date() });
  yield* writeItems(paymentId, record);
  yield* sql.insertAll("DailyTotal", rollupChangeRows(null, rollupStateOf(scalars)));
  const messageId = yield* insertMessage(paymentId, record, fingerprint, "accepted");
  return { paymentId, messageId };
}

/** The payment's invoices, their splits and its additional infos: one multi-row INSERT each. */
function* writeItems(paymentId: number, record: PaymentRecord): Step<void> {
  const invoiceIds = yield* sql.insertMany("InvoicePayInfo", record.invoices.map((invoice) => ({ ...invoice.row, paymentId })), "position");
  const splits = record.invoices.flatMap((invoice) => invoice.splits.map((split) => ({ ...split, invoiceId: invoiceIds.get(invoice.row.position)! })));
  yield* sql.insertAll("InvoiceSplit", splits);
  yield* sql.insertAll("AdditionalInfo", record.additionalInfos.map((info) => ({ ...info, paymentId })));
}

function* insertMessage(paymentId: number, record: PaymentRecord, fingerprint: string, outcome: Outcome): Step<number> {
  const { tsInstant, tsTrusted, receivedAt } = record.timing;
  return yield* sql.insert("PaymentMessage", { paymentId, reqMsgId: record.reqMsgId, fingerprint, outcome, tsInstant, tsTrusted, receivedAt, ...messageSummary(record) });
}

/** Settled payments other than this one holding any of these invoices: none (else the duplicate check decides). */
function* onlyHolder(paymentId: number, identities: InvoiceIdentity[], supplierB2BId: string): Step<boolean> {
  if (yield* sql.get(`SELECT 1 AS "x" FROM "PaymentSignal" WHERE "paymentId" = ? AND "kind" = 'duplicate-invoice' AND "clearedAt" IS NULL LIMIT 1`, paymentId)) return false;
  const holders = holdersRead(identities);
  return !holders || holders.none(yield* sql.all<HolderRow>(holders.read.sql, holders.read.params), supplierB2BId, paymentId);
}

/** Invoice rows read for the check at most; more than that, and the duplicate check decides. */
const HOLDERS_READ = 50;

type HolderRow = { paymentId: number; objectId: string | null; invoiceNumberKey: string | null; supplierB2BId: string };

/**
 * The read of the settled payments holding any of these invoices (by objectId, or supplier +
 * number), and the test of its rows: no settled payment but `own` holds one. null: no invoices.
 */
function holdersRead(identities: InvoiceIdentity[]): { read: Read; none: (rows: HolderRow[], supplierB2BId: string, own: number | null) => boolean } | null {
  if (identities.length === 0) return null;
  const objectIds = [...new Set(identities.flatMap((i) => (i.by === "objectId" ? [i.objectId] : [])))];
  const numberKeys = [...new Set(identities.flatMap((i) => (i.by === "number" ? [i.numberKey] : [])))];
  const query = holdersQuery(objectIds, numberKeys);
  return {
    read: readRows(`${query.sql} LIMIT ${HOLDERS_READ}`, query.values),
    none: (rows, supplierB2BId, own) => {
      if (rows.length === HOLDERS_READ) return false;
      // A number held by another supplier's payment is another supplier's invoice.
      const holds = (row: HolderRow) =>
        Number(row.paymentId) !== own &&
        ((row.objectId !== null && objectIds.includes(row.objectId)) ||
          (row.invoiceNumberKey !== null && row.supplierB2BId === supplierB2BId && numberKeys.includes(row.invoiceNumberKey)));
      return !rows.some(holds);
    },
  };
}

/** Groups of independent reads, read together (sql.reads) and answered group by group. */
function* together<G extends Read[][]>(...groups: G): Step<{ [K in keyof G]: unknown[] }> {
  const answers = yield* sql.reads(groups.flat());
  let at = 0;
  return groups.map((group) => answers.slice(at, (at += group.length))) as { [K in keyof G]: unknown[] };
}

type AccountRow = { id: number; isNew: unknown; verifiedAt: unknown; lastSeenAt: unknown; beneficiaryName: string | null };

/** What recordAccounts reads: each account the message names, then whether the supplier has any. */
function accountReads(record: PaymentRecord): Read[] {
  const supplierB2BId = record.scalars.supplierB2BId;
  const accounts = accountsOf(record);
  if (accounts.length === 0) return [];
  return [
    ...accounts.map((account) =>
      readRow('SELECT "id", "isNew", "verifiedAt", "lastSeenAt", "beneficiaryName" FROM "SupplierAccount" WHERE "supplierB2BId" = ? AND "identityKey" = ?', supplierB2BId, account.key),
    ),
    readRow('SELECT 1 AS "x" FROM "SupplierAccount" WHERE "supplierB2BId" = ? LIMIT 1', supplierB2BId),
  ];
}

/**
 * The supplier's bank accounts as lib/signals/accounts.ts records them, when none of them is new
 * for the supplier (that raises a signal) and none arrived with its full number (a fingerprint may
 * have to be adopted). `read`: the answers to accountReads. false: PASS.
 */
function* recordAccounts(record: PaymentRecord, at: Date, read: unknown[]): Step<boolean> {
  const supplierB2BId = record.scalars.supplierB2BId;
  const accounts = accountsOf(record);
  const supplierHasAccount = read[accounts.length] !== undefined;
  for (const [i, account] of accounts.entries()) {
    if (account.fingerprint) return false;
    const found = read[i] as AccountRow | undefined;
    if (found) {
      if (flag(found.isNew) && found.verifiedAt === null) return false; // every payment to it is flagged
      const refresh = accountRefresh({ lastSeenAt: instant(found.lastSeenAt), beneficiaryName: found.beneficiaryName }, account, at);
      if (refresh) yield* sql.update("SupplierAccount", found.id, refresh);
      continue;
    }
    if (supplierHasAccount) return false; // new for the supplier
    yield* sql.insertAll("SupplierAccount", [newAccountRow(supplierB2BId, account, at, false)]);
  }
  return true;
}

type PartyRow = { id: number; name: string | null; lastSeenAt: unknown };

/** What recordParties reads: the supplier's and the buyer's directory rows. */
function partyReads(record: PaymentRecord): Read[] {
  const partyRead = (kind: PartyKind, b2bId: string) => readRow('SELECT "id", "name", "lastSeenAt" FROM "Party" WHERE "kind" = ? AND "b2bId" = ?', kind, b2bId);
  return [partyRead("supplier", record.scalars.supplierB2BId), partyRead("buyer", record.scalars.buyerB2BId)];
}

/** `read`: the answers to partyReads. */
function* recordParties(record: PaymentRecord, at: Date, read: unknown[]): Step<void> {
  yield* recordParty("supplier", record.scalars.supplierB2BId, record.scalars.supplierName ?? null, at, read[0] as PartyRow | undefined);
  yield* recordParty("buyer", record.scalars.buyerB2BId, null, at, read[1] as PartyRow | undefined);
}

/** The supplier or buyer directory row, as lib/parties/directory.ts keeps it. */
function* recordParty(kind: PartyKind, b2bId: string, name: string | null, at: Date, row: PartyRow | undefined): Step<void> {
  if (isCurrentRow(row && { name: row.name, lastSeenAt: instant(row.lastSeenAt) }, name, at)) return;
  if (!row) {
    yield* sql.insertAll("Party", [{ kind, b2bId, name, searchText: partySearchText(b2bId, name), firstSeenAt: at, lastSeenAt: at }]);
  } else {
    yield* sql.update("Party", row.id, name === null ? { lastSeenAt: at } : { lastSeenAt: at, name, searchText: partySearchText(b2bId, name) });
  }
}
