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

interface HistoryRow {
  paymentId: number;
  at: Date;
  invoiceObjectId: string | null;
  supplierInvoiceNumber: string | null;
  currentVersion: number | null;
  newVersion: number | null;
  currentStatus: string | null;
  newStatus: string | null;
  paidPaise: bigint | null;
  status: string;
  /** The message's outcome, or "current state". */
  outcome: string;
}

export async function searchInvoices(viewer: Viewer, query: string): Promise<{ hits: InvoiceHit[]; truncated: boolean }> {
  authorize(viewer, "signals:read");
  const q = query.trim();
  if (q === "") return { hits: [], truncated: false };
  const key = invoiceNumberKey(q);
  const invoiceSelect = { currentVersion: true, newVersion: true, currentStatus: true, newStatus: true, paidPaise: true, supplierInvoiceNumber: true } as const;
  // Earlier states and messages not applied (InvoiceTouch), and every payment's current state.
  const [touches, current] = await Promise.all([
    readPrisma.invoiceTouch.findMany({
      where: { OR: [{ invoiceObjectId: q }, ...(key ? [{ invoiceNumberKey: key }] : [])] },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: INVOICE_SEARCH_LIMIT + 1,
    }),
    readPrisma.invoicePayInfo.findMany({
      where: { OR: [{ objectId: q }, ...(key ? [{ invoiceNumberKey: key }] : [])] },
      orderBy: { id: "asc" },
      take: INVOICE_SEARCH_LIMIT + 1,
      select: { ...invoiceSelect, paymentId: true, objectId: true, payment: { select: { occurredAt: true, status: true } } },
    }),
  ]);
  await auditAs(viewer, "invoice.search", q, { found: touches.length + current.length }, { freeText: true });
  const messages = await readPrisma.paymentMessage.findMany({ where: { id: { in: [...new Set(touches.map((t) => t.messageId))] } }, select: { id: true, outcome: true } });
  const outcomeOf = new Map(messages.map((m) => [m.id, m.outcome]));
  const rows: HistoryRow[] = [
    ...touches.map((t) => ({ ...t, outcome: outcomeOf.get(t.messageId) ?? "" })),
    ...current.map((c) => ({ ...c, invoiceObjectId: c.objectId, at: c.payment.occurredAt, status: c.payment.status, outcome: "current state" })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const truncated = touches.length > INVOICE_SEARCH_LIMIT || current.length > INVOICE_SEARCH_LIMIT;
  const shown = rows.slice(0, INVOICE_SEARCH_LIMIT);
  const paymentIds = [...new Set(shown.map((t) => t.paymentId))];
  const [payments, flagged] = await Promise.all([
    readPrisma.payment.findMany({ where: { id: { in: paymentIds } }, select: { id: true, objectId: true, supplierName: true, supplierB2BId: true, status: true, result: true, errorCd: true, totalPaise: true, utr: true } }),
    readPrisma.paymentSignal.findMany({ where: { paymentId: { in: paymentIds }, kind: "duplicate-invoice", clearedAt: null }, select: { paymentId: true } }),
  ]);
  const flaggedIds = new Set(flagged.map((f) => f.paymentId));
  const byId = new Map(payments.map((p) => [p.id, p]));
  // In the order the invoice was first touched.
  const hits = paymentIds.flatMap((id) => {
    const p = byId.get(id);
    if (!p) return [];
    return [{
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
        messageOutcome: t.outcome,
      })),
    }];
  });
  return { hits, truncated };
}
