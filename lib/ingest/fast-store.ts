// The group-commit writer's jobs (lib/ingest/sqlite-writer.ts): the deliveries that make up nearly
// all of the traffic, stored with prepared statements inside the batch's transaction.
//
//   - an identical repeat of a stored message: a duplicate delivery;
//   - a payment's first message that raises no signal and finds no confirmation waiting: the payment
//     and its invoices, splits, additional infos, rollup row, message, directory rows and delivery.
//
// Everything else answers PASS and is stored by the per-delivery path (lib/ingest/store.ts), which
// decides it exactly as before: an update, a revision, a stale or conflicting message; a payment of
// an invoice that another settled payment holds; a supplier's new bank account; a confirmation that
// arrived first; a payment with more invoices than a batch should carry. The rows written here are
// the ones that path writes for the same message, column for column (tests/group-commit.test.ts
// compares them).
import { holdersQuery } from "../signals/duplicates";
import { accountsOf } from "../signals/accounts";
import { recordIdentities } from "../signals/at-ingest";
import { isCurrentRow, LAST_SEEN_GRANULARITY_MS, partySearchText, type PartyKind } from "../parties/directory";
import { rollupChangeRows, rollupStateOf } from "../overview/daily-totals";
import type { PaymentRecord } from "./payment-record";
import { deliveryData, duplicateReasonText, messageSummary, type DeliveryEnvelope, type StoredDelivery } from "./rows";
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
    const delivery = (outcome: "accepted" | "duplicate", paymentId: number, messageId: number, reason: string | null): StoredDelivery => {
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

    const payment = sql.get<{ id: number }>('SELECT "id" FROM "Payment" WHERE "objectId" = ?', record.objectId);
    if (payment) {
      const known = sql.get<{ id: number; outcome: string }>(
        'SELECT "id", "outcome" FROM "PaymentMessage" WHERE "paymentId" = ? AND "reqMsgId" = ? AND "fingerprint" = ?',
        payment.id, record.reqMsgId, fingerprint,
      );
      if (!known) return PASS; // a new message for a stored payment: ordering decides it
      const first = sql.get<{ id: number }>('SELECT "id" FROM "Delivery" WHERE "messageId" = ? ORDER BY "id" LIMIT 1', known.id);
      return delivery("duplicate", payment.id, known.id, duplicateReasonText(known.outcome, first?.id ?? null));
    }
    return storeFirstMessage(sql, envelope, record, fingerprint, delivery);
  };
}

function storeFirstMessage(
  sql: Statements,
  envelope: DeliveryEnvelope,
  record: PaymentRecord,
  fingerprint: string,
  delivery: (outcome: "accepted", paymentId: number, messageId: number, reason: null) => StoredDelivery,
): StoredDelivery | Pass {
  const at = envelope.receivedAt;
  const { scalars } = record;
  // A confirmation that came first is applied by the per-delivery path (applyConfirmation).
  if (sql.get('SELECT 1 AS "x" FROM "PaymentConfirmation" WHERE "objectId" = ? LIMIT 1', record.objectId)) return PASS;
  // An invoice another settled payment holds may be paid twice: the duplicate check decides.
  if (scalars.status === "success" && !noOtherHolder(sql, record)) return PASS;
  if (!recordAccounts(sql, record, at)) return PASS;
  recordParty(sql, "supplier", scalars.supplierB2BId, scalars.supplierName ?? null, at);
  recordParty(sql, "buyer", scalars.buyerB2BId, null, at);

  const paymentId = sql.insert("Payment", { ...scalars, firstReceivedAt: at, hadFailure: scalars.status === "failure", updatedAt: new Date() });
  for (const invoice of record.invoices) {
    const invoiceId = sql.insert("InvoicePayInfo", { ...invoice.row, paymentId });
    for (const split of invoice.splits) sql.insert("InvoiceSplit", { ...split, invoiceId });
  }
  for (const info of record.additionalInfos) sql.insert("AdditionalInfo", { ...info, paymentId });
  for (const row of rollupChangeRows(null, rollupStateOf(scalars))) sql.insert("DailyTotal", row);
  const { tsInstant, tsTrusted, receivedAt } = record.timing;
  const messageId = sql.insert("PaymentMessage", {
    paymentId, reqMsgId: record.reqMsgId, fingerprint, outcome: "accepted", tsInstant, tsTrusted, receivedAt, ...messageSummary(record),
  });
  return delivery("accepted", paymentId, messageId, null);
}

/** No settled payment holds any of the message's invoices (by objectId or supplier + number). */
function noOtherHolder(sql: Statements, record: PaymentRecord): boolean {
  const identities = recordIdentities(record);
  if (identities.length === 0) return true;
  const objectIds = identities.flatMap((i) => (i.by === "objectId" ? [i.objectId] : []));
  const numberKeys = [...new Set(identities.flatMap((i) => (i.by === "number" ? [i.numberKey] : [])))];
  const query = holdersQuery(objectIds, numberKeys);
  const rows = sql.all<{ objectId: string | null; invoiceNumberKey: string | null; supplierB2BId: string }>(`${query.sql} LIMIT ${HOLDERS_READ}`, query.values);
  if (rows.length === HOLDERS_READ) return false;
  const supplier = record.scalars.supplierB2BId;
  // A number held by another supplier's payment is another supplier's invoice.
  const holds = (row: (typeof rows)[number]) =>
    (row.objectId !== null && objectIds.includes(row.objectId)) ||
    (row.invoiceNumberKey !== null && row.supplierB2BId === supplier && numberKeys.includes(row.invoiceNumberKey));
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
