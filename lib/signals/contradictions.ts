// A payment whose later message contradicts an earlier one (README → Signals): it failed after it
// had succeeded, or its amount, UTR or supplier changed, or invoices it named disappeared. Which
// message is later is what ordering decided (lib/ingest/ordering.ts), not which arrived last.
import { normalizeUtr } from "../utr";

/** Each contradiction in words, as a signal's summary lists them. */
export const CONTRADICTIONS = {
  "failed-after-success": "failed after it had succeeded",
  "amount-changed": "amount changed",
  "utr-changed": "UTR changed",
  "supplier-changed": "supplier changed",
  "invoices-removed": "invoices disappeared",
} as const;
export type Contradiction = keyof typeof CONTRADICTIONS;

/** One side of the comparison: what a message (or the stored state) said. */
export interface MessageSide {
  /** The PaymentMessage that said it, when known. */
  messageId: number | null;
  status: string;
  result: string;
  errorCd: string;
  totalPaise: string;
  utr: string;
  supplierB2BId: string;
  /** Each invoice by objectId, else by supplier invoice number. */
  invoices: string[];
  /** payment.ts as an instant, else when it was received (ISO). */
  at: string;
}

/** Invoices listed per side in a signal's particulars; the rest are counted. */
export const LISTED_INVOICES = 20;

export function invoiceLabel(invoice: { objectId: string | null; supplierInvoiceNumber: string | null }): string | null {
  if (invoice.objectId) return invoice.objectId;
  return invoice.supplierInvoiceNumber ? `no. ${invoice.supplierInvoiceNumber}` : null;
}

/** How `later` contradicts `earlier`, and the invoices that disappeared. */
export function findContradictions(earlier: MessageSide, later: MessageSide): { reasons: Contradiction[]; removed: string[] } {
  const reasons: Contradiction[] = [];
  if (earlier.status === "success" && later.status === "failure") reasons.push("failed-after-success");
  if (earlier.totalPaise !== later.totalPaise) reasons.push("amount-changed");
  if (normalizeUtr(earlier.utr) !== normalizeUtr(later.utr)) reasons.push("utr-changed");
  if (earlier.supplierB2BId !== later.supplierB2BId) reasons.push("supplier-changed");
  const kept = new Set(later.invoices);
  const removed = earlier.invoices.filter((i) => !kept.has(i));
  if (removed.length > 0) reasons.push("invoices-removed");
  return { reasons, removed };
}
