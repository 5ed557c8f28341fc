// The group-commit writer's jobs (lib/ingest/sqlite-writer.ts): the deliveries that make up nearly
// all of the traffic, stored with prepared statements inside the batch's transaction.
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
import { accountsOf } from "../signals/accounts";
import { APPLIED, recordIdentities, recordSide, stateBefore, type StateRow } from "../signals/at-ingest";
import { findContradictions } from "../signals/contradictions";
import type { InvoiceIdentity } from "../signals/invoice-keys";
import { decideOrder } from "./ordering";
import { isCurrentRow, LAST_SEEN_GRANULARITY_MS, partySearchText, type PartyKind } from "../parties/directory";
import { rollupChangeRows, rollupStateOf } from "../overview/daily-totals";
import type { PaymentRecord } from "./payment-record";
import { deliveryData, duplicateReasonText, messageSummary, type DeliveryEnvelope, type Outcome, type StoredDelivery } from "./rows";
import { PASS, type Job, type Pass, type SqliteGroupWriter } from "./sqlite-writer";

/** Payments with more invoices than this go to the per-delivery path, which yields between batches of rows. */
export const FAST_MAX_INVOICES = 100;

type Value = string | number | bigint | null | Buffer;

/** A value as Prisma stores it in SQLite: instants as ISO text with +00:00, booleans as 0/1. */
function stored(value: unknown): Value {
  if (value instanceof Date) return value.toISOString().replace(/Z$/, "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value as Value;
}

type Row = Record<string, unknown>;

class Statements {
  constructor(private readonly writer: SqliteGroupWriter) {}

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.writer.statement(sql).get(...params.map(stored)) as T | undefined;
  }

  all<T>(sql: string, params: unknown[]): T[] {
    return this.writer.statement(sql).all(...params.map(stored)) as T[];
  }

  run(sql: string, ...params: unknown[]): void {
    this.writer.statement(sql).run(...params.map(stored));
  }

  /** UPDATE of the row's defined columns of the row with this id. */
  update(table: string, id: number, row: Row): void {
    const columns = Object.keys(row).filter((key) => row[key] !== undefined);
    const sql = `UPDATE "${table}" SET ${columns.map((c) => `"${c}" = ?`).join(", ")} WHERE "id" = ?`;
    this.writer.statement(sql).run(...columns.map((c) => stored(row[c])), id);
  }

  /** INSERT of the row's defined columns (the others take their defaults); returns the new id. */
  insert(table: string, row: Row): number {
    const columns = Object.keys(row).filter((key) => row[key] !== undefined);
    const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
    return Number(this.writer.statement(sql).run(...columns.map((c) => stored(row[c]))).lastInsertRowid);
  }
}

/** The job for a valid message: stores it when it is a repeat or a plain first message, else PASS. */
export function fastMessageJob(writer: SqliteGroupWriter, envelope: DeliveryEnvelope, record: PaymentRecord, fingerprint: string): Job<StoredDelivery> {
  return () => {
    if (record.invoices.length > FAST_MAX_INVOICES) return PASS;
    const sql = new Statements(writer);
    const delivery: Keep = (outcome, paymentId, messageId, reason) => {
      const deliveryId = sql.insert("Delivery", {
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

    const payment = sql.get<PaymentState>(`SELECT ${STATE_COLUMNS} FROM "Payment" WHERE "objectId" = ?`, record.objectId);
    if (payment) {
      const known = sql.get<{ id: number; outcome: string }>(
        'SELECT "id", "outcome" FROM "PaymentMessage" WHERE "paymentId" = ? AND "reqMsgId" = ? AND "fingerprint" = ?',
        payment.id, record.reqMsgId, fingerprint,
      );
      if (!known) return storeLaterMessage(sql, envelope, record, fingerprint, payment, delivery);
      const first = sql.get<{ id: number }>('SELECT "id" FROM "Delivery" WHERE "messageId" = ? ORDER BY "id" LIMIT 1', known.id);
      return delivery("duplicate", payment.id, known.id, duplicateReasonText(known.outcome, first?.id ?? null));
    }
    return storeFirstMessage(sql, envelope, record, fingerprint, delivery);
  };
}

type Keep = (outcome: Outcome, paymentId: number, messageId: number, reason: string | null) => StoredDelivery;

/** The stored payment as SQLite returns it: what ordering, the rollup, the story and the comparison read. */
interface PaymentState {
  id: number;
  hadFailure: number;
  amountChanged: number;
  occurredAt: string;
  status: string;
  result: string;
  errorCd: string;
  utr: string;
  totalPaise: number | bigint;
  supplierB2BId: string;
  buyerB2BId: string;
  tsInstant: string | null;
  tsTrusted: number;
  stateReceivedAt: string;
}
const STATE_COLUMNS = ["id", "hadFailure", "amountChanged", "occurredAt", "status", "result", "errorCd", "utr", "totalPaise", "supplierB2BId", "buyerB2BId", "tsInstant", "tsTrusted", "stateReceivedAt"]
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
    tsInstant: p.tsInstant === null ? null : new Date(p.tsInstant),
    tsTrusted: p.tsTrusted === 1,
    stateReceivedAt: new Date(p.stateReceivedAt),
    occurredAt: new Date(p.occurredAt),
  };
}

/**
 * A new message for a stored payment (lib/ingest/store.ts decides the same way): applied when it is
 * later than the state, and then only here when it contradicts nothing and touches no invoice that
 * another settled payment holds.
 */
function storeLaterMessage(sql: Statements, envelope: DeliveryEnvelope, record: PaymentRecord, fingerprint: string, payment: PaymentState, keep: Keep): StoredDelivery | Pass {
  const at = envelope.receivedAt;
  const row = stateRow(payment);
  const earlier = sql.get<{ tsInstant: string | null; tsTrusted: number; receivedAt: string }>(
    'SELECT "tsInstant", "tsTrusted", "receivedAt" FROM "PaymentMessage" WHERE "paymentId" = ? AND "reqMsgId" = ? ORDER BY "id" DESC LIMIT 1',
    payment.id, record.reqMsgId,
  );
  const decision = decideOrder(
    { tsInstant: row.tsInstant, tsTrusted: row.tsTrusted, receivedAt: row.stateReceivedAt },
    earlier ? { tsInstant: earlier.tsInstant === null ? null : new Date(earlier.tsInstant), tsTrusted: earlier.tsTrusted === 1, receivedAt: new Date(earlier.receivedAt) } : null,
    record.timing,
  );
  if (!decision.apply) return PASS; // stale or conflicting: kept for review by the per-delivery path
  const invoices = sql.all<Parameters<typeof stateBefore>[1][number]>(
    'SELECT "position", "objectId", "supplierInvoiceNumber", "invoiceNumberKey", "currentVersion", "newVersion", "currentStatus", "newStatus", "paidPaise" FROM "InvoicePayInfo" WHERE "paymentId" = ? ORDER BY "position"',
    [payment.id],
  );
  const before = stateBefore(row, invoices);
  if (findContradictions(before.side, recordSide(record, null)).reasons.length > 0) return PASS;
  const settled = record.scalars.status === "success" || before.side.status === "success";
  if (settled && !onlyHolder(sql, payment.id, [...before.identities, ...recordIdentities(record)], record.scalars.supplierB2BId)) return PASS;
  if (!recordAccounts(sql, record, at)) return PASS;

  const messageId = insertMessage(sql, payment.id, record, fingerprint, decision.outcome);
  for (const change of rollupChangeRows(rollupStateOf(row), rollupStateOf(record.scalars))) sql.insert("DailyTotal", change);
  sql.run('DELETE FROM "InvoiceSplit" WHERE "invoiceId" IN (SELECT "id" FROM "InvoicePayInfo" WHERE "paymentId" = ?)', payment.id);
  sql.run('DELETE FROM "InvoicePayInfo" WHERE "paymentId" = ?', payment.id);
  sql.run('DELETE FROM "AdditionalInfo" WHERE "paymentId" = ?', payment.id);
  sql.update("Payment", payment.id, { ...record.scalars, updatedAt: new Date() });
  writeItems(sql, payment.id, record);
  recordParties(sql, record, at);
  // Invoice search keeps the replaced state's invoices under the message that had set it.
  const stateMessage = sql.get<{ id: number }>(
    `SELECT "id" FROM "PaymentMessage" WHERE "paymentId" = ? AND "outcome" IN (${APPLIED.map(() => "?").join(", ")}) AND "id" <> ? ORDER BY "id" DESC LIMIT 1`,
    payment.id, ...APPLIED, messageId,
  );
  if (stateMessage) for (const touch of before.touches) sql.insert("InvoiceTouch", { ...touch, paymentId: payment.id, messageId: stateMessage.id });
  const story = {
    hadFailure: payment.hadFailure === 1 || record.scalars.status === "failure",
    amountChanged: payment.amountChanged === 1 || BigInt(record.scalars.totalPaise) !== row.totalPaise,
  };
  if (story.hadFailure !== (payment.hadFailure === 1) || story.amountChanged !== (payment.amountChanged === 1)) sql.update("Payment", payment.id, story);
  return keep(decision.outcome, payment.id, messageId, decision.reason);
}

function storeFirstMessage(sql: Statements, envelope: DeliveryEnvelope, record: PaymentRecord, fingerprint: string, keep: Keep): StoredDelivery | Pass {
  const at = envelope.receivedAt;
  const { scalars } = record;
  // A confirmation that came first is applied by the per-delivery path (applyConfirmation).
  if (sql.get('SELECT 1 AS "x" FROM "PaymentConfirmation" WHERE "objectId" = ? LIMIT 1', record.objectId)) return PASS;
  // An invoice another settled payment holds may be paid twice: the duplicate check decides.
  if (scalars.status === "success" && !noOtherHolder(sql, recordIdentities(record), scalars.supplierB2BId, null)) return PASS;
  if (!recordAccounts(sql, record, at)) return PASS;
  recordParties(sql, record, at);
  const paymentId = sql.insert("Payment", { ...scalars, firstReceivedAt: at, hadFailure: scalars.status === "failure", updatedAt: new Date() });
  writeItems(sql, paymentId, record);
  for (const row of rollupChangeRows(null, rollupStateOf(scalars))) sql.insert("DailyTotal", row);
  const messageId = insertMessage(sql, paymentId, record, fingerprint, "accepted");
  return keep("accepted", paymentId, messageId, null);
}

/** The payment's invoices, their splits and its additional infos. */
function writeItems(sql: Statements, paymentId: number, record: PaymentRecord): void {
  for (const invoice of record.invoices) {
    const invoiceId = sql.insert("InvoicePayInfo", { ...invoice.row, paymentId });
    for (const split of invoice.splits) sql.insert("InvoiceSplit", { ...split, invoiceId });
  }
  for (const info of record.additionalInfos) sql.insert("AdditionalInfo", { ...info, paymentId });
}

function insertMessage(sql: Statements, paymentId: number, record: PaymentRecord, fingerprint: string, outcome: Outcome): number {
  const { tsInstant, tsTrusted, receivedAt } = record.timing;
  return sql.insert("PaymentMessage", { paymentId, reqMsgId: record.reqMsgId, fingerprint, outcome, tsInstant, tsTrusted, receivedAt, ...messageSummary(record) });
}

/** Settled payments other than this one holding any of these invoices: none (else the duplicate check decides). */
function onlyHolder(sql: Statements, paymentId: number, identities: InvoiceIdentity[], supplierB2BId: string): boolean {
  if (sql.get('SELECT 1 AS "x" FROM "PaymentSignal" WHERE "paymentId" = ? AND "kind" = \'duplicate-invoice\' AND "clearedAt" IS NULL LIMIT 1', paymentId)) return false;
  return noOtherHolder(sql, identities, supplierB2BId, paymentId);
}

/** No settled payment but `own` holds any of these invoices (by objectId, or supplier + number). */
function noOtherHolder(sql: Statements, identities: InvoiceIdentity[], supplierB2BId: string, own: number | null): boolean {
  if (identities.length === 0) return true;
  const objectIds = [...new Set(identities.flatMap((i) => (i.by === "objectId" ? [i.objectId] : [])))];
  const numberKeys = [...new Set(identities.flatMap((i) => (i.by === "number" ? [i.numberKey] : [])))];
  const query = holdersQuery(objectIds, numberKeys);
  const rows = sql.all<{ paymentId: number; objectId: string | null; invoiceNumberKey: string | null; supplierB2BId: string }>(`${query.sql} LIMIT ${HOLDERS_READ}`, query.values);
  if (rows.length === HOLDERS_READ) return false;
  // A number held by another supplier's payment is another supplier's invoice.
  const holds = (row: (typeof rows)[number]) =>
    row.paymentId !== own &&
    ((row.objectId !== null && objectIds.includes(row.objectId)) ||
      (row.invoiceNumberKey !== null && row.supplierB2BId === supplierB2BId && numberKeys.includes(row.invoiceNumberKey)));
  return !rows.some(holds);
}

/** Invoice rows read for the check at most; more than that, and the duplicate check decides. */
const HOLDERS_READ = 50;

/**
 * The supplier's bank accounts as lib/signals/accounts.ts records them, when none of them is new
 * for the supplier (that raises a signal) and none arrived with its full number (a fingerprint may
 * have to be adopted). false: PASS.
 */
function recordAccounts(sql: Statements, record: PaymentRecord, at: Date): boolean {
  const supplierB2BId = record.scalars.supplierB2BId;
  for (const account of accountsOf(record)) {
    if (account.fingerprint) return false;
    const found = sql.get<{ id: number; isNew: number; verifiedAt: string | null; lastSeenAt: string; beneficiaryName: string | null }>(
      'SELECT "id", "isNew", "verifiedAt", "lastSeenAt", "beneficiaryName" FROM "SupplierAccount" WHERE "supplierB2BId" = ? AND "identityKey" = ?',
      supplierB2BId, account.key,
    );
    if (found) {
      if (found.isNew && found.verifiedAt === null) return false; // every payment to it is flagged
      const lastSeenAt = new Date(found.lastSeenAt);
      const stale = at.getTime() - lastSeenAt.getTime() >= LAST_SEEN_GRANULARITY_MS;
      const renamed = account.beneficiaryName !== null && account.beneficiaryName !== found.beneficiaryName;
      if (stale || renamed) {
        sql.run(
          'UPDATE "SupplierAccount" SET "lastSeenAt" = ?, "beneficiaryName" = ? WHERE "id" = ?',
          at > lastSeenAt ? at : lastSeenAt, renamed ? account.beneficiaryName : found.beneficiaryName, found.id,
        );
      }
      continue;
    }
    if (sql.get('SELECT 1 AS "x" FROM "SupplierAccount" WHERE "supplierB2BId" = ? LIMIT 1', supplierB2BId)) return false; // new for the supplier
    sql.insert("SupplierAccount", {
      supplierB2BId,
      identityKey: account.key,
      maskedAccountNumber: account.maskedAccountNumber,
      ifsc: account.ifsc,
      businessVPA: account.businessVPA,
      beneficiaryName: account.beneficiaryName,
      fingerprint: "",
      firstSeenAt: at,
      lastSeenAt: at,
      isNew: false,
    });
  }
  return true;
}

function recordParties(sql: Statements, record: PaymentRecord, at: Date): void {
  recordParty(sql, "supplier", record.scalars.supplierB2BId, record.scalars.supplierName ?? null, at);
  recordParty(sql, "buyer", record.scalars.buyerB2BId, null, at);
}

/** The supplier or buyer directory row, as lib/parties/directory.ts keeps it. */
function recordParty(sql: Statements, kind: PartyKind, b2bId: string, name: string | null, at: Date): void {
  const row = sql.get<{ name: string | null; lastSeenAt: string }>('SELECT "name", "lastSeenAt" FROM "Party" WHERE "kind" = ? AND "b2bId" = ?', kind, b2bId);
  if (isCurrentRow(row && { name: row.name, lastSeenAt: new Date(row.lastSeenAt) }, name, at)) return;
  if (!row) {
    sql.insert("Party", { kind, b2bId, name, searchText: partySearchText(b2bId, name), firstSeenAt: at, lastSeenAt: at });
  } else if (name === null) {
    sql.run('UPDATE "Party" SET "lastSeenAt" = ? WHERE "kind" = ? AND "b2bId" = ?', at, kind, b2bId);
  } else {
    sql.run('UPDATE "Party" SET "lastSeenAt" = ?, "name" = ?, "searchText" = ? WHERE "kind" = ? AND "b2bId" = ?', at, name, partySearchText(b2bId, name), kind, b2bId);
  }
}
