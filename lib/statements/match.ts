// Matching statement debits to payments (README → Bank statements):
//   1. by UTR: a UTR read from the line's reference or narration is a payment's UTR, the amount
//      debited is the payment's net paid amount exactly, and the days are within the window;
//   2. else a suggestion: a payment of exactly that net amount within the window, closest day first,
//      that no other line holds (a person accepts or rejects it).
// A payment is matched to one line at most: a second debit naming it is left unmatched, and says so.
import { inBatches } from "../batches";
import { readPrisma } from "../db";
import { formatInr } from "../money";
import { istDay, istDayEnd, istDayStart } from "../time";
import type { StatementRow } from "./lines";

/** Days a debit may lie before or after the payment's IST day (bank value dates lag by a day or two). */
export const DATE_WINDOW_DAYS = 3;


export type LineState = "matched" | "suggested" | "unmatched";

export interface LineMatch {
  state: LineState;
  paymentId: number | null;
  matchedBy: "utr" | "suggestion" | null;
  note: string | null;
  /** The UTR read from the line: the payment's when one matched, else one shaped like a bank UTR. */
  utrNormalized: string | null;
}

interface Candidate {
  id: number;
  objectId: string;
  utrNormalized: string;
  netPaidPaise: bigint;
  occurredAt: Date;
  status: string;
}

const candidateSelect = { id: true, objectId: true, utrNormalized: true, netPaidPaise: true, occurredAt: true, status: true } as const;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const daysApart = (day: string, at: Date) => Math.abs(dayNumber(day) - dayNumber(istDay(at)));
const shiftDay = (day: string, days: number) => new Date((dayNumber(day) + days) * 86_400_000).toISOString().slice(0, 10);
/** NEFT and RTGS UTRs: a bank code, N or R, then digits. Kept even when no payment has it. */
const BANK_UTR = /^[A-Z]{4}[NR0-9][A-Z0-9]{10,25}$/;

/** Payments already matched or suggested to a stored line: never offered to another. */
async function heldPayments(ids: number[], exceptLine?: number): Promise<Set<number>> {
  const held = new Set<number>();
  for (const batch of inBatches([...new Set(ids)])) {
    const rows = await readPrisma.statementLine.findMany({
      where: { paymentId: { in: batch }, state: { in: ["matched", "suggested"] }, ...(exceptLine ? { id: { not: exceptLine } } : {}) },
      select: { paymentId: true },
    });
    for (const row of rows) held.add(row.paymentId!);
  }
  return held;
}

/** The payments each candidate UTR names. */
async function paymentsByUtr(lines: StatementRow[]): Promise<Map<string, Candidate[]>> {
  const utrs = [...new Set(lines.flatMap((l) => l.candidates))];
  const out = new Map<string, Candidate[]>();
  for (const batch of inBatches(utrs)) {
    const rows = await readPrisma.payment.findMany({ where: { utrNormalized: { in: batch } }, select: candidateSelect });
    for (const row of rows) out.set(row.utrNormalized, [...(out.get(row.utrNormalized) ?? []), row]);
  }
  return out;
}

/** Payments of these exact amounts within the window around these days. */
async function paymentsByAmount(lines: StatementRow[]): Promise<Map<bigint, Candidate[]>> {
  const out = new Map<bigint, Candidate[]>();
  if (lines.length === 0) return out;
  const days = lines.map((l) => l.day).sort();
  const from = istDayStart(shiftDay(days[0]!, -DATE_WINDOW_DAYS))!;
  const to = istDayEnd(shiftDay(days.at(-1)!, DATE_WINDOW_DAYS))!;
  const amounts = [...new Set(lines.map((l) => l.debitPaise))];
  for (const batch of inBatches(amounts)) {
    const rows = await readPrisma.payment.findMany({ where: { netPaidPaise: { in: batch }, occurredAt: { gte: from, lt: to } }, select: candidateSelect });
    for (const row of rows) out.set(row.netPaidPaise, [...(out.get(row.netPaidPaise) ?? []), row]);
  }
  return out;
}

/** Closest day first, settled before anything else, then the older payment. */
const byCloseness = (day: string) => (a: Candidate, b: Candidate) =>
  daysApart(day, a.occurredAt) - daysApart(day, b.occurredAt) || Number(b.status === "success") - Number(a.status === "success") || a.id - b.id;

/**
 * Matches lines (not yet stored) to payments. `rejected`: per line index, payments a person
 * rejected for it; `exceptLine`: a stored line being matched again (its own hold does not count).
 */
export async function matchLines(lines: StatementRow[], { rejected = new Map<number, Set<number>>(), exceptLine }: { rejected?: Map<number, Set<number>>; exceptLine?: number } = {}): Promise<LineMatch[]> {
  const [byUtr, byAmount] = await Promise.all([paymentsByUtr(lines), paymentsByAmount(lines)]);
  const ids = [...[...byUtr.values()].flat(), ...[...byAmount.values()].flat()].map((c) => c.id);
  const held = await heldPayments(ids, exceptLine);
  const out: LineMatch[] = lines.map(() => ({ state: "unmatched", paymentId: null, matchedBy: null, note: null, utrNormalized: null }));

  // 1. By UTR, every line first, so that a suggestion never takes a payment a UTR names.
  lines.forEach((line, i) => {
    const named = line.candidates.flatMap((utr) => byUtr.get(utr) ?? []);
    const result = out[i]!;
    result.utrNormalized = named[0]?.utrNormalized ?? line.candidates.find((c) => BANK_UTR.test(c) && /[A-Z]/.test(c)) ?? null;
    if (named.length === 0) return;
    const fits = named.filter((p) => p.netPaidPaise === line.debitPaise && daysApart(line.day, p.occurredAt) <= DATE_WINDOW_DAYS).sort(byCloseness(line.day));
    const free = fits.find((p) => !held.has(p.id));
    if (free) {
      held.add(free.id);
      Object.assign(result, { state: "matched", paymentId: free.id, matchedBy: "utr", utrNormalized: free.utrNormalized });
    } else if (fits[0]) {
      result.note = `UTR ${fits[0].utrNormalized} is payment ${fits[0].objectId}, already matched to another debit: debited twice?`;
    } else {
      const p = named[0]!;
      const why = p.netPaidPaise !== line.debitPaise ? `its net paid amount is ${formatInr(p.netPaidPaise)}, not ${formatInr(line.debitPaise)}` : `it was made on ${istDay(p.occurredAt)}, more than ${DATE_WINDOW_DAYS} days away`;
      result.note = `UTR ${p.utrNormalized} is payment ${p.objectId}, but ${why}.`;
    }
  });

  // 2. Suggestions by exact amount and day, for lines no UTR spoke for.
  lines.forEach((line, i) => {
    const result = out[i]!;
    if (result.state !== "unmatched" || result.note !== null) return;
    const no = rejected.get(i);
    const offer = (byAmount.get(line.debitPaise) ?? [])
      .filter((p) => daysApart(line.day, p.occurredAt) <= DATE_WINDOW_DAYS && !held.has(p.id) && !no?.has(p.id))
      .sort(byCloseness(line.day))[0];
    if (!offer) return;
    held.add(offer.id);
    Object.assign(result, { state: "suggested", paymentId: offer.id, matchedBy: "suggestion" });
  });
  return out;
}
