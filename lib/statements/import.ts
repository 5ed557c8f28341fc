// Uploading a bank statement (README → Bank statements): inspect the file (its header row, a
// masked preview, the remembered or guessed column mapping), then import it with the mapping a
// person confirmed. Lines are unique per account, so re-uploading an overlapping statement adds only
// the lines not already held; every upload is audited.
import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { UserError } from "../auth/users";
import { inBatches } from "../batches";
import { prisma, readPrisma } from "../db";
import { inTransaction } from "../ingest/store";
import { maskFreeText, References } from "../masking/rules";
import { keyedDigest } from "../signals/fingerprint";
import { guessMapping, mappingSchema, normalizeHeader, type Mapping } from "./layouts";
import { readLines, type StatementRow } from "./lines";
import { matchLines, type LineMatch } from "./match";
import { readStatementRows, StatementFileError } from "./read-file";

export interface StatementFile {
  name: string;
  bytes: Uint8Array;
}

const accountSchema = z.string().trim().min(1, { error: "Name the account (e.g. HDFC current ••1234)." }).max(80, { error: "Keep the account's name under 80 characters." })
  // An account's label is shown everywhere: it must not be a full account number.
  .refine((v) => !/\d{9,}/.test(v.replace(/[\s-]/g, "")), { error: "Name the account without its full number (the last four digits are enough)." });
const bankSchema = z.string().trim().min(1, { error: "Name the bank." }).max(60, { error: "Keep the bank's name under 60 characters." });

const bankKey = (bank: string) => bank.trim().toLowerCase().replace(/\s+/g, " ");

/** The file's first rows, shown to choose the header row and the columns (every cell masked). */
export const TOP_ROWS = 25;
const AMOUNT_OR_DATE = /^[-(₹]?[\d,]*\d(\.\d{1,2})?\)?( ?(dr|cr))?$|^\d{1,4}[-/. ][\dA-Za-z]{1,3}[-/. ]\d{2,4}$/i;

const maskCell = (cell: string) => (AMOUNT_OR_DATE.test(cell) && cell.replace(/\D/g, "").length < 13 ? cell : maskFreeText(cell).text);

export interface Inspection {
  fileName: string;
  rowCount: number;
  /** The file's first TOP_ROWS rows, every cell masked (amounts and dates kept): the header row is one of them. */
  top: string[][];
  mapping: Mapping | null;
  /** remembered: this bank's saved mapping fits the file; guessed: read from the headers; none. */
  source: "remembered" | "guessed" | "none";
  looksLike: string | null;
  missing: string[];
}

async function rowsOf(file: StatementFile): Promise<string[][]> {
  try {
    return await readStatementRows(file.name, file.bytes);
  } catch (error) {
    if (error instanceof StatementFileError) throw new UserError(error.message);
    throw error;
  }
}

/** What the upload form shows before importing: the columns, a masked preview, and a mapping to confirm. */
export async function inspectStatement(viewer: Viewer, file: StatementFile, bank: string): Promise<Inspection> {
  authorize(viewer, "statements:manage");
  const rows = await rowsOf(file);
  const remembered = await readPrisma.statementLayout.findUnique({ where: { bankKey: bankKey(bankSchema.parse(bank)) } });
  let mapping: Mapping | null = null;
  let source: Inspection["source"] = "none";
  if (remembered) {
    const saved = mappingSchema.safeParse(JSON.parse(remembered.mapping));
    if (saved.success && JSON.stringify((rows[saved.data.headerRow] ?? []).map(normalizeHeader)) === remembered.headers) {
      mapping = saved.data;
      source = "remembered";
    }
  }
  const guess = guessMapping(rows);
  if (!mapping && guess.mapping) {
    mapping = guess.mapping;
    source = "guessed";
  }
  return {
    fileName: file.name,
    rowCount: rows.length,
    top: rows.slice(0, TOP_ROWS).map((r) => r.slice(0, 30).map((c) => maskCell(c).slice(0, 120))),
    mapping,
    source,
    looksLike: guess.looksLike,
    missing: mapping ? [] : guess.missing,
  };
}

export interface ImportResult {
  statementId: number;
  debitLines: number;
  newLines: number;
  otherLines: number;
  skipped: number;
  matched: number;
  suggested: number;
  unmatched: number;
}

/** What makes a line the same line in another upload of the account's statements (a keyed digest). */
async function lineKeys(lines: StatementRow[]): Promise<string[]> {
  const seen = new Map<string, number>();
  const keys: string[] = [];
  for (const line of lines) {
    // Two identical debits on one day are two lines: the nth of them keeps its place.
    const base = JSON.stringify([line.day, String(line.debitPaise), line.reference.toUpperCase(), line.narration.toUpperCase().replace(/\s+/g, " ")]);
    const nth = (seen.get(base) ?? 0) + 1;
    seen.set(base, nth);
    keys.push(await keyedDigest(`${base}#${nth}`));
  }
  return keys;
}


/** The narration and reference as kept: account numbers masked, the matched payment's UTR kept. */
function maskedText(line: StatementRow, match: LineMatch) {
  const references = new References();
  if (match.utrNormalized) references.add(match.utrNormalized);
  return { narration: maskFreeText(line.narration, references).text.slice(0, 500), reference: maskFreeText(line.reference, references).text.slice(0, 200) };
}

/** Imports a statement with a confirmed mapping, matches its new lines, and remembers the mapping for the bank. */
export async function importStatement(viewer: Viewer, input: { file: StatementFile; account: string; bank: string; mapping: unknown }): Promise<ImportResult> {
  authorize(viewer, "statements:manage");
  const account = accountSchema.parse(input.account);
  const bank = bankSchema.parse(input.bank);
  const parsedMapping = mappingSchema.safeParse(input.mapping);
  if (!parsedMapping.success) throw new UserError(`The column mapping is incomplete: ${parsedMapping.error.issues[0]?.message ?? "choose every column"}`);
  const mapping = parsedMapping.data;
  const rows = await rowsOf(input.file);
  const headers = rows[mapping.headerRow];
  if (!headers) throw new UserError("The header row chosen is not in the file.");
  const read = readLines(rows, mapping);
  if (read.debits.length === 0) {
    throw new UserError(`No debit lines were read (${read.others.toLocaleString("en-IN")} deposits, ${read.skippedCount.toLocaleString("en-IN")} rows skipped${read.skipped[0] ? `, e.g. row ${read.skipped[0].row}: ${read.skipped[0].why}` : ""}). Check the date format and the amount column.`);
  }
  const keys = await lineKeys(read.debits);
  const known = await existingKeys(prisma, account, keys);
  const fresh = read.debits.map((line, i) => ({ line, key: keys[i]! })).filter(({ key }) => !known.has(key));
  const matches = await matchLines(fresh.map((f) => f.line));
  const days = read.debits.map((l) => l.day).sort();
  const sha = createHash("sha256").update(input.file.bytes).digest("hex");

  const statementId = await inTransaction(async (tx) => {
    // A concurrent upload of the same lines fails on (account, lineKey) and is run again: then those
    // lines are known and skipped.
    const again = await existingKeys(tx, account, fresh.map((f) => f.key));
    const statement = await tx.bankStatement.create({
      data: {
        account, bank, fileName: input.file.name.slice(0, 200), fileSha256: sha, uploadedBy: viewer.email,
        fromDay: days[0]!, toDay: days.at(-1)!, debitLines: read.debits.length, newLines: fresh.length - again.size, otherLines: read.others, skipped: read.skippedCount,
      },
      select: { id: true },
    });
    const data = fresh.flatMap(({ line, key }, i) => {
      if (again.has(key)) return [];
      const match = matches[i]!;
      return [{
        statementId: statement.id, account, lineKey: key, day: line.day, debitPaise: line.debitPaise, ...maskedText(line, match),
        utrNormalized: match.utrNormalized, state: match.state, paymentId: match.paymentId, matchedBy: match.matchedBy, note: match.note,
      }];
    });
    for (const batch of inBatches(data)) await tx.statementLine.createMany({ data: batch });
    await tx.statementLayout.upsert({
      where: { bankKey: bankKey(bank) },
      create: { bankKey: bankKey(bank), bank, mapping: JSON.stringify(mapping), headers: JSON.stringify(headers.map(normalizeHeader)), updatedBy: viewer.email },
      update: { bank, mapping: JSON.stringify(mapping), headers: JSON.stringify(headers.map(normalizeHeader)), updatedBy: viewer.email },
    });
    return statement.id;
  });
  const count = (state: string) => matches.filter((m) => m.state === state).length;
  const result = {
    statementId, debitLines: read.debits.length, newLines: fresh.length, otherLines: read.others, skipped: read.skippedCount,
    matched: count("matched"), suggested: count("suggested"), unmatched: count("unmatched"),
  };
  await auditAs(viewer, "statement.upload", String(statementId), { account, bank, file: input.file.name.slice(0, 200), sha256: sha, ...result }, { freeText: true });
  return result;
}

/** Which of these lines the account's statements already hold. */
async function existingKeys(db: Pick<typeof prisma, "statementLine">, account: string, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const batch of inBatches(keys)) {
    const rows = await db.statementLine.findMany({ where: { account, lineKey: { in: batch } }, select: { lineKey: true } });
    for (const row of rows) out.add(row.lineKey);
  }
  return out;
}
