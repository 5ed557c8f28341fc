import "server-only";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { readPrisma } from "../db";
import { normalizeUtr } from "../utr";
import { withReasons } from "./error-codes";
import { paymentRowSelect, type PaymentRow } from "./payment-row";

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
  if (exact.length > 1) return { kind: "candidates", exact: true, rows: await withReasons(exact), truncated: exact.length === MAX_CANDIDATES };

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
  if (partial.length > 0) return { kind: "candidates", exact: false, rows: await withReasons(partial), truncated: partial.length === MAX_CANDIDATES };

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
  /** found: a payment has it; failed: only failed payments have it; rejected: only deliveries that
   * were refused carried it (no payment was stored); not-found: nothing carried it. */
  status: "found" | "failed" | "rejected" | "not-found";
  payments: Pick<PaymentRow, "objectId" | "amount" | "time" | "statusLabel" | "failure" | "supplierName" | "supplierId">[];
  /** The newest refused delivery that carried the UTR (status rejected). */
  rejectedDelivery: { id: number; reason: string | null } | null;
}

export interface UtrList {
  utrs: string[];
  /** How many repeats of a UTR already in the list were merged into it. */
  merged: number;
}

/**
 * Splits pasted text into UTRs: separated by spaces, tabs, new lines, commas or semicolons (a UTR
 * holds none of them), each kept once: a repeat, even in another case, is merged into the first.
 */
export function splitUtrList(text: string): UtrList {
  const seen = new Set<string>();
  const utrs: string[] = [];
  let merged = 0;
  for (const part of text.split(/[\s,;]+/)) {
    const key = normalizeUtr(part);
    if (!key) continue;
    if (seen.has(key)) merged++;
    else {
      seen.add(key);
      utrs.push(part);
    }
  }
  return { utrs, merged };
}

export async function lookupUtrs(viewer: Viewer, inputs: string[]): Promise<BulkLookupRow[]> {
  authorize(viewer, "utr:search");
  const rows = await lookup(inputs);
  await auditAs(viewer, "utr.bulk-lookup", null, { utrs: rows.length, found: rows.filter((r) => r.status === "found" || r.status === "failed").length });
  return rows;
}

async function lookup(inputs: string[]): Promise<BulkLookupRow[]> {
  const keys = inputs.slice(0, MAX_BULK_UTRS).map((input) => ({ input, key: normalizeUtr(input) }));
  const found = await readPrisma.payment.findMany({ where: { utrNormalized: { in: keys.map((k) => k.key) } }, select: { ...paymentRowSelect, utrNormalized: true } });
  const rows = await withReasons(found);
  const byKey = new Map<string, PaymentRow[]>();
  found.forEach((p, i) => byKey.set(p.utrNormalized, [...(byKey.get(p.utrNormalized) ?? []), rows[i]!]));
  // UTRs no payment has: did a refused delivery carry one? (the Delivery.utrNormalized index)
  const missing = keys.filter((k) => !byKey.has(k.key)).map((k) => k.key);
  const refused = missing.length === 0 ? [] : await readPrisma.delivery.findMany({
    where: { utrNormalized: { in: missing }, outcome: "rejected" },
    select: { id: true, reason: true, utrNormalized: true },
    orderBy: { id: "asc" },
  });
  const rejectedBy = new Map(refused.map((d) => [d.utrNormalized!, { id: d.id, reason: d.reason }]));
  return keys.map(({ input, key }) => {
    const matches = byKey.get(key) ?? [];
    const rejectedDelivery = matches.length === 0 ? (rejectedBy.get(key) ?? null) : null;
    const status = matches.length > 0 ? (matches.every((m) => m.status === "failure") ? "failed" : "found") : rejectedDelivery ? "rejected" : "not-found";
    const payments = matches.map(({ objectId, amount, time, statusLabel, failure, supplierName, supplierId }) => ({ objectId, amount, time, statusLabel, failure, supplierName, supplierId }));
    return { input, status, payments, rejectedDelivery };
  });
}
