// Invoices settled by more than one successful payment (README → Signals): the same invoice
// objectId, or the same supplier and supplier invoice number. Checked at ingest, in the message's
// transaction, for every invoice the payment holds now or held before the message: a payment that
// fails after all, or drops the invoice, clears the flag of the one left.
//
// Concurrent deliveries: each invoice is locked by name before its payments are read (lockNames),
// so of two payments settling one invoice at once, the second to commit sees the first.
import { Prisma } from "@/generated/prisma/client";
import { inBatches } from "../batches";
import { lockNames } from "../db";
import { clearSignals, raiseSignal } from "./raise";
import { identitySubject, type InvoiceIdentity } from "./invoice-keys";

type Tx = Prisma.TransactionClient;


interface HolderRow {
  paymentId: number;
  objectId: string | null;
  invoiceNumberKey: string | null;
  supplierB2BId: string;
}

/**
 * The statement behind settledHolders: invoices by objectId or number key, each with its payment's
 * supplier when that payment is settled (tests/signals.test.ts checks the plan). The payment is read
 * in a scalar subquery by its key, so neither planner can start from the settled payments: as a
 * join, SQLite did so with more than one value in a list, and PostgreSQL did so while its statistics
 * still described a young table (4 ms a message under load, growing with the table).
 */
export function holdersQuery(objectIds: string[], numberKeys: string[]): Prisma.Sql {
  const where = [
    ...(objectIds.length > 0 ? [Prisma.sql`i."objectId" IN (${Prisma.join(objectIds)})`] : []),
    ...(numberKeys.length > 0 ? [Prisma.sql`i."invoiceNumberKey" IN (${Prisma.join(numberKeys)})`] : []),
  ];
  return Prisma.sql`
    SELECT h."paymentId" AS "paymentId", h."objectId" AS "objectId", h."invoiceNumberKey" AS "invoiceNumberKey", h."supplierB2BId" AS "supplierB2BId"
    FROM (
      SELECT i."paymentId" AS "paymentId", i."objectId" AS "objectId", i."invoiceNumberKey" AS "invoiceNumberKey",
        (SELECT p."supplierB2BId" FROM "Payment" p WHERE p."id" = i."paymentId" AND p."status" = 'success') AS "supplierB2BId"
      FROM "InvoicePayInfo" i
      WHERE ${Prisma.join(where, " OR ")}
    ) h
    WHERE h."supplierB2BId" IS NOT NULL`;
}

/**
 * The invoices of settled payments that carry any of these identities, by identity subject. One
 * statement that starts from the invoice indexes (objectId, number key) and joins each payment by its
 * key: a filter on the payments first would read every settled payment.
 */
async function settledHolders(tx: Tx, identities: InvoiceIdentity[]): Promise<Map<string, HolderRow[]>> {
  const out = new Map<string, HolderRow[]>();
  const add = (subject: string, row: HolderRow) => out.set(subject, [...(out.get(subject) ?? []), row]);
  for (const batch of inBatches(identities)) {
    const objectIds = new Set(batch.flatMap((i) => (i.by === "objectId" ? [i.objectId] : [])));
    const numbers = new Map<string, Set<string>>();
    for (const i of batch) if (i.by === "number") numbers.set(i.supplierB2BId, (numbers.get(i.supplierB2BId) ?? new Set()).add(i.numberKey));
    const keys = [...new Set([...numbers.values()].flatMap((set) => [...set]))];
    const rows = await tx.$queryRaw<HolderRow[]>(holdersQuery([...objectIds], keys));
    for (const raw of rows) {
      const row = { ...raw, paymentId: Number(raw.paymentId) };
      if (row.objectId !== null && objectIds.has(row.objectId)) add(identitySubject({ by: "objectId", objectId: row.objectId }), row);
      if (row.invoiceNumberKey !== null && numbers.get(row.supplierB2BId)?.has(row.invoiceNumberKey)) {
        add(identitySubject({ by: "number", supplierB2BId: row.supplierB2BId, numberKey: row.invoiceNumberKey }), row);
      }
    }
  }
  return out;
}

/**
 * Raises the duplicate-payment signal on every settled payment of an invoice that more than one
 * settled payment holds (by number: under more than one objectId, or none), and clears it where that no longer holds. `identities`: the invoices the
 * payment holds after the message and held before it. A payment already flagged for an invoice is
 * not written again: the signal's page reads the invoice's payments and amounts as they are now.
 */
export async function checkDuplicateInvoices(tx: Tx, identities: InvoiceIdentity[], at: Date, { firstMessage }: { firstMessage: boolean }): Promise<void> {
  if (identities.length === 0) return;
  const subjects = identities.map(identitySubject);
  // A payment's first message locked its invoices already, with its confirmation (firstMessageLocks).
  if (!firstMessage) await lockNames(tx, subjects);
  const holders = await settledHolders(tx, identities);
  // A payment's first message can only add flags: none can have been raised for its invoices
  // unless some are held twice now (each change to a holder clears what it no longer supports).
  if (firstMessage && ![...holders.values()].some((rows) => new Set(rows.map((r) => r.paymentId)).size >= 2)) return;
  const flagged = new Map<string, Set<number>>();
  for (const batch of inBatches(subjects)) {
    const rows = await tx.paymentSignal.findMany({ where: { kind: "duplicate-invoice", subject: { in: batch }, clearedAt: null }, select: { subject: true, paymentId: true } });
    for (const row of rows) flagged.set(row.subject, (flagged.get(row.subject) ?? new Set()).add(row.paymentId));
  }
  for (const identity of identities) {
    const subject = identitySubject(identity);
    const rows = holders.get(subject) ?? [];
    const supplierOf = new Map(rows.map((r) => [r.paymentId, r.supplierB2BId]));
    // One invoice number under one objectId is that objectId's signal already: the number speaks
    // only for invoices the objectId cannot join (other objectIds, or none).
    const distinct = identity.by === "objectId" || new Set(rows.map((r) => r.objectId ?? `none:${r.paymentId}`)).size >= 2;
    const payments = supplierOf.size >= 2 && distinct ? [...supplierOf.keys()] : [];
    const already = flagged.get(subject) ?? new Set<number>();
    for (const paymentId of payments) {
      if (already.has(paymentId)) continue;
      await raiseSignal(tx, { paymentId, supplierB2BId: supplierOf.get(paymentId)!, kind: "duplicate-invoice", subject, detail: { identity } }, at);
    }
    if ([...already].some((id) => !supplierOf.has(id) || payments.length === 0)) await clearSignals(tx, "duplicate-invoice", subject, at, payments);
  }
}

export interface DuplicateHolder {
  objectId: string;
  supplier: string;
  status: string;
  utr: string;
  occurredAt: Date;
  paidPaise: bigint;
  invoiceTotalPaise: bigint | null;
  version: string;
}

export interface DuplicatePicture {
  identity: InvoiceIdentity;
  supplierInvoiceNumber: string | null;
  holders: DuplicateHolder[];
  /** What the settled payments paid against the invoice together, and beyond the largest one. */
  paidTogetherPaise: bigint;
  atStakePaise: bigint;
}

/** The settled payments of an invoice as they are now, with the amounts at stake (the signal's page). */
export async function duplicatePicture(db: Tx, identity: InvoiceIdentity): Promise<DuplicatePicture> {
  // From the invoice index; the payments' status and supplier are checked here (a filter on the
  // payments first would read every settled payment).
  const where = identity.by === "objectId" ? { objectId: identity.objectId } : { invoiceNumberKey: identity.numberKey };
  const found = await db.invoicePayInfo.findMany({
    where,
    take: 5000,
    select: {
      paymentId: true, supplierInvoiceNumber: true, paidPaise: true, invoiceTotalPaise: true, currentVersion: true, newVersion: true,
      payment: { select: { objectId: true, utr: true, occurredAt: true, supplierB2BId: true, supplierName: true, status: true } },
    },
  });
  const rows = found.filter((r) => r.payment.status === "success" && (identity.by === "objectId" || r.payment.supplierB2BId === identity.supplierB2BId));
  // One line per payment: a payment naming the invoice twice counts its lines together.
  const byPayment = new Map<number, DuplicateHolder>();
  for (const row of rows) {
    const seen = byPayment.get(row.paymentId);
    byPayment.set(row.paymentId, {
      objectId: row.payment.objectId,
      supplier: row.payment.supplierName ?? row.payment.supplierB2BId,
      status: row.payment.status,
      utr: row.payment.utr,
      occurredAt: row.payment.occurredAt,
      paidPaise: (seen?.paidPaise ?? 0n) + (row.paidPaise ?? 0n),
      invoiceTotalPaise: row.invoiceTotalPaise ?? seen?.invoiceTotalPaise ?? null,
      version: `${row.currentVersion ?? "?"} → ${row.newVersion ?? "?"}`,
    });
  }
  const holders = [...byPayment.values()].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.objectId < b.objectId ? -1 : 1));
  const together = holders.reduce((sum, h) => sum + h.paidPaise, 0n);
  const largest = holders.reduce((max, h) => (h.paidPaise > max ? h.paidPaise : max), 0n);
  return {
    identity,
    supplierInvoiceNumber: rows.find((r) => r.supplierInvoiceNumber)?.supplierInvoiceNumber ?? null,
    holders,
    paidTogetherPaise: together,
    atStakePaise: together - largest,
  };
}
