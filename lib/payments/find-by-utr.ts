import "server-only";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { readPrisma } from "../db";
import { normalizeUtr } from "../utr";
import { paymentRowSelect, toPaymentRow, type PaymentRow } from "./payment-row";

export const MAX_CANDIDATES = 25;
export const MAX_BULK_UTRS = 500;
const LIKE_WILDCARD = /[%_\\]/;

export type UtrSearch =
  | { kind: "exact"; objectId: string }
  | { kind: "candidates"; exact: boolean; rows: PaymentRow[]; truncated: boolean }
  | { kind: "none"; deliveries: { id: number; outcome: string; receivedAt: Date; reason: string | null }[] };

/** Smallest string greater than every string starting with `prefix` (for an index range). */
function prefixUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * Support's one-step UTR answer: one exact match → that payment; several exact or prefix
 * matches → candidates; a substring match as a fallback; otherwise any delivery that carried it.
 */
export async function findPaymentsByUtr(viewer: Viewer, input: string): Promise<UtrSearch> {
  authorize(viewer, "utr:search");
  const result = await searchUtr(input);
  const found = result.kind === "exact" ? 1 : result.kind === "candidates" ? result.rows.length : 0;
  // A query that matched no UTR may be anything typed (even an account number): it is masked.
  await auditAs(viewer, "utr.search", input.trim(), { result: result.kind, found }, { freeText: found === 0 });
  return result;
}

async function searchUtr(input: string): Promise<UtrSearch> {
  const utr = normalizeUtr(input);
  if (!utr) return { kind: "none", deliveries: [] };
  const exact = await readPrisma.payment.findMany({ where: { utrNormalized: utr }, select: paymentRowSelect, orderBy: { occurredAt: "desc" }, take: MAX_CANDIDATES });
  if (exact.length === 1) return { kind: "exact", objectId: exact[0]!.objectId };
  if (exact.length > 1) return { kind: "candidates", exact: true, rows: exact.map(toPaymentRow), truncated: exact.length === MAX_CANDIDATES };

  // Prefix: an index range on the normalised column (startsWith keeps it exact under any collation).
  let partial = await readPrisma.payment.findMany({
    where: { utrNormalized: { gte: utr, lt: prefixUpperBound(utr), startsWith: utr } },
    select: paymentRowSelect,
    orderBy: { utrNormalized: "asc" },
    take: MAX_CANDIDATES,
  });
  if (partial.length === 0 && utr.length >= 4 && !LIKE_WILDCARD.test(utr)) {
    // The last digits of an RRN are what people often read out; this scans, so it is bounded.
    // Prisma passes `contains` to LIKE unescaped, so input holding a wildcard never gets here.
    partial = await readPrisma.payment.findMany({ where: { utrNormalized: { contains: utr } }, select: paymentRowSelect, take: MAX_CANDIDATES });
  }
  if (partial.length > 0) return { kind: "candidates", exact: false, rows: partial.map(toPaymentRow), truncated: partial.length === MAX_CANDIDATES };

  const deliveries = await readPrisma.delivery.findMany({
    where: { utrNormalized: utr },
    select: { id: true, outcome: true, receivedAt: true, reason: true },
    orderBy: { id: "desc" },
    take: 10,
  });
  return { kind: "none", deliveries };
}

export interface BulkLookupRow {
  input: string;
  status: "found" | "failed" | "not-found";
  payments: { objectId: string; amount: string; time: string; statusLabel: string; failure: string | null }[];
}

/** Splits pasted text into UTRs: one per line or comma/semicolon separated; duplicates dropped. */
export function splitUtrList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[\n,;\t]+/)) {
    const trimmed = part.trim();
    const key = normalizeUtr(trimmed);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(trimmed);
  }
  return out;
}

export async function lookupUtrs(viewer: Viewer, inputs: string[]): Promise<BulkLookupRow[]> {
  authorize(viewer, "utr:search");
  const rows = await lookup(inputs);
  await auditAs(viewer, "utr.bulk-lookup", null, { utrs: rows.length, found: rows.filter((r) => r.status !== "not-found").length });
  return rows;
}

async function lookup(inputs: string[]): Promise<BulkLookupRow[]> {
  const keys = inputs.slice(0, MAX_BULK_UTRS).map((input) => ({ input, key: normalizeUtr(input) }));
  const found = await readPrisma.payment.findMany({ where: { utrNormalized: { in: keys.map((k) => k.key) } }, select: { ...paymentRowSelect, utrNormalized: true } });
  const byKey = new Map<string, typeof found>();
  for (const p of found) byKey.set(p.utrNormalized, [...(byKey.get(p.utrNormalized) ?? []), p]);
  return keys.map(({ input, key }) => {
    const matches = (byKey.get(key) ?? []).map(toPaymentRow);
    const status = matches.length === 0 ? "not-found" : matches.every((m) => m.status === "failure") ? "failed" : "found";
    return { input, status, payments: matches.map((m) => ({ objectId: m.objectId, amount: m.amount, time: m.time, statusLabel: m.statusLabel, failure: m.failure })) };
  });
}
