// Invoice search: every payment that touched an invoice, found by its objectId or by the supplier's
// invoice number, with each message's version and status transition over time (InvoiceTouch).
import "server-only";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { readPrisma } from "../db";
import { formatInr } from "../money";
import { formatIst } from "../time";
import type { PaymentStatus } from "../payments/status";
import { invoiceNumberKey } from "./invoice-keys";

/** Messages read per search: far more than one invoice plausibly has. */
export const INVOICE_SEARCH_LIMIT = 500;

export interface InvoiceHit {
  objectId: string;
  supplier: string;
  supplierB2BId: string;
  status: PaymentStatus;
  result: string;
  errorCd: string;
  amount: string;
  utr: string;
  duplicateFlagged: boolean;
  /** Each message that named the invoice, oldest first. */
  history: { at: string; invoice: string; version: string; transition: string; paid: string; status: string; messageOutcome: string }[];
}

export async function searchInvoices(viewer: Viewer, query: string): Promise<{ hits: InvoiceHit[]; truncated: boolean }> {
  authorize(viewer, "signals:read");
  const q = query.trim();
  if (q === "") return { hits: [], truncated: false };
  const key = invoiceNumberKey(q);
  const touches = await readPrisma.invoiceTouch.findMany({
    where: { OR: [{ invoiceObjectId: q }, ...(key ? [{ invoiceNumberKey: key }] : [])] },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    take: INVOICE_SEARCH_LIMIT + 1,
  });
  await auditAs(viewer, "invoice.search", q, { found: touches.length }, { freeText: true });
  const shown = touches.slice(0, INVOICE_SEARCH_LIMIT);
  const paymentIds = [...new Set(shown.map((t) => t.paymentId))];
  const [payments, messages, flagged] = await Promise.all([
    readPrisma.payment.findMany({ where: { id: { in: paymentIds } }, select: { id: true, objectId: true, supplierName: true, supplierB2BId: true, status: true, result: true, errorCd: true, totalPaise: true, utr: true } }),
    readPrisma.paymentMessage.findMany({ where: { id: { in: [...new Set(shown.map((t) => t.messageId))] } }, select: { id: true, outcome: true } }),
    readPrisma.paymentSignal.findMany({ where: { paymentId: { in: paymentIds }, kind: "duplicate-invoice", clearedAt: null }, select: { paymentId: true } }),
  ]);
  const outcomeOf = new Map(messages.map((m) => [m.id, m.outcome]));
  const flaggedIds = new Set(flagged.map((f) => f.paymentId));
  const hits = payments.map((p) => ({
    objectId: p.objectId,
    supplier: p.supplierName ?? p.supplierB2BId,
    supplierB2BId: p.supplierB2BId,
    status: p.status as PaymentStatus,
    result: p.result,
    errorCd: p.errorCd,
    amount: formatInr(p.totalPaise),
    utr: p.utr,
    duplicateFlagged: flaggedIds.has(p.id),
    history: shown.filter((t) => t.paymentId === p.id).map((t) => ({
      at: formatIst(t.at),
      invoice: [t.invoiceObjectId, t.supplierInvoiceNumber ? `no. ${t.supplierInvoiceNumber}` : null].filter(Boolean).join(" · "),
      version: `${t.currentVersion ?? "?"} → ${t.newVersion ?? "?"}`,
      transition: `${t.currentStatus ?? "?"} → ${t.newStatus ?? "?"}`,
      paid: t.paidPaise === null ? "—" : formatInr(t.paidPaise),
      status: t.status,
      messageOutcome: outcomeOf.get(t.messageId) ?? "",
    })),
  }));
  // In the order the invoice was first touched.
  const first = new Map<number, number>();
  shown.forEach((t, i) => { if (!first.has(t.paymentId)) first.set(t.paymentId, i); });
  hits.sort((a, b) => first.get(payments.find((p) => p.objectId === a.objectId)!.id)! - first.get(payments.find((p) => p.objectId === b.objectId)!.id)!);
  return { hits, truncated: touches.length > INVOICE_SEARCH_LIMIT };
}
