// How a bank statement's columns are read (README → Bank statements): the mapping a person
// confirms, and the guess offered for a file not seen before. Indian banks' exports put a few rows
// of account details above the header row, name their columns differently, and give the amount
// either as separate withdrawal and deposit columns, or as one column with a Dr/Cr column beside it,
// or as one signed column.
import { z } from "zod";
import { DATE_FORMATS, detectDateFormat } from "./dates";

export const AMOUNT_STYLES = ["debit-column", "amount-and-drcr", "signed-amount"] as const;

const column = z.number().int().min(0).max(200);

export const mappingSchema = z
  .object({
    /** Index of the header row within the first rows of the file. */
    headerRow: z.number().int().min(0).max(50),
    date: column,
    dateFormat: z.enum(DATE_FORMATS),
    narration: column,
    reference: column.nullable(),
    amountStyle: z.enum(AMOUNT_STYLES),
    /** debit-column: the withdrawal column; amount-and-drcr and signed-amount: the amount column. */
    amount: column,
    /** amount-and-drcr: the column saying DR or CR. */
    drcr: column.nullable(),
  })
  .refine((m) => m.amountStyle !== "amount-and-drcr" || m.drcr !== null, { error: "Choose the column that says Dr or Cr.", path: ["drcr"] });

export type Mapping = z.infer<typeof mappingSchema>;

/** Header cells as compared: lower case, single spaces, no trailing dots or colons. */
export function normalizeHeader(cell: string): string {
  return cell.toLowerCase().replace(/\s+/g, " ").replace(/[.:]+$/, "").trim();
}

const MATCHERS = {
  date: [/^(txn|tran|transaction|posting|value) ?date$/, /^date$/, /^value dt$/, /date/],
  narration: [/^narration$/, /^(transaction )?(description|particulars|remarks|details)$/, /narration|description|particulars|remarks|details/],
  reference: [/^(chq|cheque)[ ./]*(\/|or|no)?[ ./]*ref[ .]*(no|number)?$/, /ref(erence)?[ .]*(no|number)?/, /^(chq|cheque)[ .]*(no|number)?$|chqno/, /utr/],
  debit: [/^withdrawal( amt| amount)?( ?\(inr ?\))?$/, /^debit( amount)?( ?\(inr ?\))?$/, /^dr$/, /withdrawal|debit/],
  amount: [/^(transaction )?amount( ?\(inr ?\))?$/, /amount|amt/],
  drcr: [/^(dr ?\/ ?cr|cr ?\/ ?dr|type|debit ?\/ ?credit)$/],
} as const;

/** The best column for a role: the first pattern any header matches, leftmost first. */
function find(headers: string[], patterns: readonly RegExp[], taken: Set<number>): number | null {
  for (const pattern of patterns) {
    const at = headers.findIndex((h, i) => !taken.has(i) && h !== "" && pattern.test(h));
    if (at >= 0) return at;
  }
  return null;
}

/** Names of layouts recognised by their headers, for the "looks like" note. */
const KNOWN_LAYOUTS: { bank: string; headers: string[] }[] = [
  { bank: "HDFC Bank", headers: ["Date", "Narration", "Chq./Ref.No.", "Value Dt", "Withdrawal Amt.", "Deposit Amt.", "Closing Balance"] },
  { bank: "ICICI Bank", headers: ["Value Date", "Transaction Date", "Cheque Number", "Transaction Remarks", "Withdrawal Amount (INR )", "Deposit Amount (INR )", "Balance (INR )"] },
  { bank: "State Bank of India", headers: ["Txn Date", "Value Date", "Description", "Ref No./Cheque No.", "Debit", "Credit", "Balance"] },
  { bank: "Axis Bank", headers: ["Tran Date", "CHQNO", "PARTICULARS", "DR", "CR", "BAL"] },
  { bank: "Kotak Mahindra Bank", headers: ["Transaction Date", "Value Date", "Description", "Chq / Ref No.", "Amount", "Dr / Cr", "Balance"] },
];

export interface Guess {
  mapping: Mapping | null;
  /** A known bank's layout the headers look like, if any. */
  looksLike: string | null;
  /** What could not be guessed, in words. */
  missing: string[];
}

/** The header row: the first of the first rows that names a date and a narration column. */
export function findHeaderRow(rows: string[][]): number | null {
  for (let i = 0; i < Math.min(rows.length, 50); i++) {
    const headers = rows[i]!.map(normalizeHeader);
    if (find(headers, MATCHERS.date, new Set()) !== null && find(headers, MATCHERS.narration, new Set()) !== null) return i;
  }
  return null;
}

/** A mapping guessed from a file's first rows (every choice can be changed before importing). */
export function guessMapping(rows: string[][]): Guess {
  const headerRow = findHeaderRow(rows);
  if (headerRow === null) return { mapping: null, looksLike: null, missing: ["a header row naming a date and a narration column"] };
  const headers = rows[headerRow]!.map(normalizeHeader);
  const taken = new Set<number>();
  const take = (role: keyof typeof MATCHERS) => {
    const at = find(headers, MATCHERS[role], taken);
    if (at !== null) taken.add(at);
    return at;
  };
  const date = take("date")!;
  const narration = take("narration")!;
  const reference = take("reference");
  const debit = take("debit");
  const drcr = take("drcr");
  const amount = debit === null ? take("amount") : null;
  const missing: string[] = [];
  // The format every date in the first 30 rows under the header reads with.
  const dateFormat = detectDateFormat(rows.slice(headerRow + 1, headerRow + 31).map((r) => r[date] ?? ""));
  if (!dateFormat) missing.push("the date format");
  if (debit === null && amount === null) missing.push("the withdrawal (debit) amount column");
  const looksLike = KNOWN_LAYOUTS.find((l) => l.headers.every((h) => headers.includes(normalizeHeader(h))))?.bank ?? null;
  if (missing.length > 0) return { mapping: null, looksLike, missing };
  const amountStyle = debit !== null ? "debit-column" : drcr !== null ? "amount-and-drcr" : "signed-amount";
  return {
    mapping: { headerRow, date, dateFormat: dateFormat!, narration, reference, amountStyle, amount: (debit ?? amount)!, drcr: amountStyle === "amount-and-drcr" ? drcr : null },
    looksLike,
    missing,
  };
}
