// A bank statement file as rows of text cells: CSV (csv-parse) or XLSX (exceljs), within limits.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { decodeBody } from "../ingest/decode-body";

/** Largest statement file read (a year of a busy account's statement is a few megabytes). */
export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;
/** Rows read from one file. */
export const MAX_STATEMENT_ROWS = 100_000;

export class StatementFileError extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function isXlsx(name: string, bytes: Uint8Array): boolean {
  return /\.xlsx$/i.test(name) || ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** As webhook bodies are read (UTF-8, UTF-16, UTF-32, gzip), else Windows-1252 as banks' older exports are. */
function decodeText(bytes: Uint8Array): string {
  const decoded = decodeBody(bytes, undefined, MAX_STATEMENT_BYTES * 4);
  return decoded.ok ? decoded.text : new TextDecoder("windows-1252").decode(bytes);
}

export async function readStatementRows(name: string, bytes: Uint8Array): Promise<string[][]> {
  if (bytes.byteLength === 0) throw new StatementFileError("The file is empty.");
  if (bytes.byteLength > MAX_STATEMENT_BYTES) throw new StatementFileError(`The file is larger than ${MAX_STATEMENT_BYTES / 1024 / 1024} MB: split the statement by month.`);
  const rows = isXlsx(name, bytes) ? await readXlsx(bytes) : readCsv(bytes);
  if (rows.length > MAX_STATEMENT_ROWS) throw new StatementFileError(`The file has more than ${MAX_STATEMENT_ROWS.toLocaleString("en-IN")} rows: split the statement by month.`);
  return rows;
}

function readCsv(bytes: Uint8Array): string[][] {
  const text = decodeText(bytes);
  // Some banks separate with semicolons or tabs: the first line with several of one decides.
  const sample = text.split(/\r?\n/, 20).join("\n");
  const delimiter = [",", ";", "\t", "|"].map((d) => [d, sample.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  try {
    return parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, to: MAX_STATEMENT_ROWS + 1 }) as string[][];
  } catch (error) {
    throw new StatementFileError(`The file could not be read as CSV: ${error instanceof Error ? error.message.slice(0, 200) : "unknown error"}.`);
  }
}

/** A cell as text: dates as YYYY-MM-DD (the day Excel shows), numbers as written, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value.trim();
  if (typeof value === "object") {
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("").trim();
    if ("text" in value) return String(value.text).trim();
  }
  return "";
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new StatementFileError("The file could not be read as an Excel workbook (.xlsx). Save it again from Excel, or export the statement as CSV.");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new StatementFileError("The workbook has no sheet.");
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (rows.length > MAX_STATEMENT_ROWS) return;
    const values = row.values as ExcelJS.CellValue[];
    rows.push(Array.from(values.slice(1), (value) => cellText(value)));
  });
  return rows;
}
