// Statement rows → debit lines: the day, the amount, the narration and reference, and the UTRs they
// may hold. Pure functions; matching and storing are lib/statements/match.ts and import.ts.
import { normalizeUtr } from "../utr";
import { parseDay } from "./dates";
import type { Mapping } from "./layouts";

/**
 * An amount as banks write it: 1,25,000.00 · ₹ 1250 · INR 1,250.50 · (1,250.00) · -1250 · 1,250.00 Dr.
 * Paise, and the Dr/Cr it carried, or null when it is not an amount. Blank is null too.
 */
export function parseAmount(text: string): { paise: bigint; side: "dr" | "cr" | null } | null {
  let value = text.trim();
  if (value === "") return null;
  let side: "dr" | "cr" | null = null;
  const suffix = /\s*(dr|cr)\.?$/i.exec(value);
  if (suffix) {
    side = suffix[1]!.toLowerCase() as "dr" | "cr";
    value = value.slice(0, suffix.index);
  }
  let negative = false;
  if (/^\(.*\)$/.test(value)) {
    negative = true;
    value = value.slice(1, -1);
  }
  value = value.replace(/₹|inr|rs\.?/gi, "").replace(/[,\s]/g, "");
  if (value.startsWith("-")) {
    negative = !negative;
    value = value.slice(1);
  }
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return null;
  const paise = BigInt(match[1]!) * 100n + BigInt((match[2] ?? "").padEnd(2, "0"));
  return { paise: negative ? -paise : paise, side };
}

export interface StatementRow {
  /** Position in the file (1-based, as a spreadsheet numbers rows). */
  row: number;
  day: string;
  debitPaise: bigint;
  narration: string;
  reference: string;
  /** Tokens that may be a UTR, normalised, most likely first. */
  candidates: string[];
}

export interface ReadLines {
  debits: StatementRow[];
  /** Deposits and zero amounts: not matched. */
  others: number;
  /** Rows that are not transactions (no readable date or amount: totals, footers), with why (first few). */
  skipped: { row: number; why: string }[];
  skippedCount: number;
}

const cell = (row: string[], at: number | null) => (at === null ? "" : (row[at] ?? "").trim());

/** Everything in a narration or reference that could be a UTR or RRN (10 to 35 letters and digits with a digit). */
export function utrCandidates(reference: string, narration: string): string[] {
  const out: string[] = [];
  const whole = normalizeUtr(reference);
  if (/^[A-Z0-9]{10,35}$/.test(whole) && /\d/.test(whole)) out.push(whole);
  for (const token of `${reference} ${narration}`.split(/[^A-Za-z0-9]+/)) {
    const t = token.toUpperCase();
    if (t.length >= 10 && t.length <= 35 && /\d/.test(t) && !out.includes(t)) out.push(t);
  }
  return out;
}

const LISTED_SKIPS = 20;

export function readLines(rows: string[][], mapping: Mapping): ReadLines {
  const out: ReadLines = { debits: [], others: 0, skipped: [], skippedCount: 0 };
  const skip = (row: number, why: string) => {
    out.skippedCount++;
    if (out.skipped.length < LISTED_SKIPS) out.skipped.push({ row, why });
  };
  for (let i = mapping.headerRow + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.every((c) => c.trim() === "")) continue;
    const day = parseDay(cell(row, mapping.date), mapping.dateFormat);
    if (!day) {
      skip(i + 1, `no ${mapping.dateFormat} date`);
      continue;
    }
    const amount = parseAmount(cell(row, mapping.amount));
    let debit: bigint | null = null;
    if (mapping.amountStyle === "debit-column") {
      if (amount === null || amount.paise === 0n) {
        out.others++;
        continue;
      }
      debit = amount.paise < 0n ? -amount.paise : amount.paise;
    } else {
      if (amount === null) {
        skip(i + 1, "no amount");
        continue;
      }
      const side = mapping.amountStyle === "amount-and-drcr" ? (/^d/i.test(cell(row, mapping.drcr)) ? "dr" : /^c/i.test(cell(row, mapping.drcr)) ? "cr" : null) : amount.side ?? (amount.paise < 0n ? "dr" : "cr");
      if (side === null) {
        skip(i + 1, "neither Dr nor Cr");
        continue;
      }
      if (side === "cr" || amount.paise === 0n) {
        out.others++;
        continue;
      }
      debit = amount.paise < 0n ? -amount.paise : amount.paise;
    }
    const narration = cell(row, mapping.narration);
    const reference = cell(row, mapping.reference);
    out.debits.push({ row: i + 1, day, debitPaise: debit, narration, reference, candidates: utrCandidates(reference, narration) });
  }
  return out;
}
