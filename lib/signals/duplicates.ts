// Invoices settled by more than one successful payment (README → Signals): the same invoice
// objectId, or the same supplier and supplier invoice number. Checked at ingest, in the message's
// transaction, for every invoice the payment holds now or held before the message: a payment that
// fails after all, or drops the invoice, clears the flag of the one left.
//
// Concurrent deliveries: each invoice is locked by name before its payments are read (lockNames),
// so of two payments settling one invoice at once, the second to commit sees the first.
import type { Prisma } from "@/generated/prisma/client";
import { lockNames } from "../db";
import { clearSignals, raiseSignal } from "./raise";
import { identitySubject, type InvoiceIdentity } from "./invoice-keys";

type Tx = Prisma.TransactionClient;

/** Values per IN list. */
const CHUNK = 500;

export interface DuplicateHolder {
  paymentId: number;
  objectId: string;
  utr: string;
  occurredAt: string;
  paidPaise: string | null;
  invoiceTotalPaise: string | null;
  version: string;
}

export interface DuplicateDetail {
  identity: InvoiceIdentity;
  supplierInvoiceNumber: string | null;
  holders: DuplicateHolder[];
  /** What the payments paid against the invoice together, and beyond the largest single payment. */
  paidTogetherPaise: string;
  atStakePaise: string;
}

const holderSelect = {
  paymentId: true,
  objectId: true,
  supplierInvoiceNumber: true,
  paidPaise: true,
  invoiceTotalPaise: true,
  currentVersion: true,
  newVersion: true,
  payment: { select: { objectId: true, utr: true, occurredAt: true, supplierB2BId: true } },
} as const;

type HolderRow = Prisma.InvoicePayInfoGetPayload<{ select: typeof holderSelect }>;

function chunks<T>(values: T[]): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < values.length; at += CHUNK) out.push(values.slice(at, at + CHUNK));
  return out;
}

/** The settled payments' invoices that carry any of these identities, by identity subject. */
async function settledHolders(tx: Tx, identities: InvoiceIdentity[]): Promise<Map<string, HolderRow[]>> {
  const out = new Map<string, HolderRow[]>();
  const add = (subject: string, row: HolderRow) => out.set(subject, [...(out.get(subject) ?? []), row]);
  const objectIds = identities.flatMap((i) => (i.by === "objectId" ? [i.objectId] : []));
  for (const batch of chunks(objectIds)) {
    const rows = await tx.invoicePayInfo.findMany({ where: { objectId: { in: batch }, payment: { status: "success" } }, select: holderSelect });
    for (const row of rows) add(identitySubject({ by: "objectId", objectId: row.objectId! }), row);
  }
  const bySupplier = new Map<string, string[]>();
  for (const i of identities) if (i.by === "number") bySupplier.set(i.supplierB2BId, [...(bySupplier.get(i.supplierB2BId) ?? []), i.numberKey]);
  for (const [supplierB2BId, keys] of bySupplier) {
    for (const batch of chunks(keys)) {
      const rows = await tx.invoicePayInfo.findMany({
        where: { invoiceNumberKey: { in: batch }, payment: { status: "success", supplierB2BId } },
        select: { ...holderSelect, invoiceNumberKey: true },
      });
      for (const row of rows) add(identitySubject({ by: "number", supplierB2BId, numberKey: row.invoiceNumberKey! }), row);
    }
  }
  return out;
}

function detailOf(identity: InvoiceIdentity, rows: HolderRow[]): DuplicateDetail {
  // One line per payment: a payment naming the invoice twice counts its lines together.
  const byPayment = new Map<number, DuplicateHolder & { paid: bigint }>();
  for (const row of rows) {
    const seen = byPayment.get(row.paymentId);
    const paid = (seen?.paid ?? 0n) + (row.paidPaise ?? 0n);
    byPayment.set(row.paymentId, {
      paymentId: row.paymentId,
      objectId: row.payment.objectId,
      utr: row.payment.utr,
      occurredAt: row.payment.occurredAt.toISOString(),
      paidPaise: String(paid),
      invoiceTotalPaise: row.invoiceTotalPaise === null ? (seen?.invoiceTotalPaise ?? null) : String(row.invoiceTotalPaise),
      version: `${row.currentVersion ?? "?"} → ${row.newVersion ?? "?"}`,
      paid,
    });
  }
  const holders = [...byPayment.values()].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.paymentId - b.paymentId));
  const together = holders.reduce((sum, h) => sum + h.paid, 0n);
  const largest = holders.reduce((max, h) => (h.paid > max ? h.paid : max), 0n);
  return {
    identity,
    supplierInvoiceNumber: rows.find((r) => r.supplierInvoiceNumber)?.supplierInvoiceNumber ?? null,
    holders: holders.map(({ paid: _paid, ...h }) => h),
    paidTogetherPaise: String(together),
    atStakePaise: String(together - largest),
  };
}

/**
 * Raises the duplicate-payment signal on every settled payment of an invoice that more than one
 * settled payment holds, and clears it where that no longer holds. `identities`: the invoices the
 * payment holds after the message and held before it.
 */
export async function checkDuplicateInvoices(tx: Tx, identities: InvoiceIdentity[], at: Date): Promise<void> {
  if (identities.length === 0) return;
  const subjects = identities.map(identitySubject);
  await lockNames(tx, subjects);
  const holders = await settledHolders(tx, identities);
  const open = new Set<string>();
  for (const batch of chunks(subjects)) {
    const rows = await tx.paymentSignal.findMany({ where: { kind: "duplicate-invoice", subject: { in: batch }, clearedAt: null }, select: { subject: true } });
    for (const row of rows) open.add(row.subject);
  }
  for (const identity of identities) {
    const subject = identitySubject(identity);
    const rows = holders.get(subject) ?? [];
    const payments = [...new Set(rows.map((r) => r.paymentId))];
    if (payments.length >= 2) {
      const detail = detailOf(identity, rows);
      const supplierOf = new Map(rows.map((r) => [r.paymentId, r.payment.supplierB2BId]));
      for (const paymentId of payments) {
        await raiseSignal(tx, { paymentId, supplierB2BId: supplierOf.get(paymentId)!, kind: "duplicate-invoice", subject, detail }, at);
      }
    }
    if (open.has(subject)) await clearSignals(tx, "duplicate-invoice", subject, at, payments.length >= 2 ? payments : []);
  }
}
