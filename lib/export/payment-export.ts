// Export of a payments view (issue 11): every row that matches the view's filters, in its order,
// read in batches through a keyset on the same list index the page uses (never OFFSET), and
// streamed so memory stays flat however many rows there are.
//   level "payments": one row per payment;
//   level "invoices": one row per invoice pay info and one per split, the payment's columns
//                     repeated (a payment without invoices keeps one row of its own);
//   format "csv": RFC 4180, UTF-8 with a BOM, formula-looking text neutralised;
//   format "xlsx": exceljs's streaming workbook writer, amounts as numbers formatted to the paisa.
import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { Prisma } from "@/generated/prisma/client";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { readPrisma } from "../db";
import { paiseToDecimal } from "../money";
import { readRows, type ColumnType, type RowOf } from "../read-rows";
import { describeFailure } from "../payments/failure-text";
import { activeFilters, type ListParams } from "../payments/list-params";
import { keysetQuery } from "../payments/list-payments";
import { statusLabel, type PaymentStatus } from "../payments/status";
import { istDay, istTimestamp } from "../time";
import { yieldToEventLoop } from "../yield";

export type ExportFormat = "csv" | "xlsx";
export type ExportLevel = "payments" | "invoices";

/** Payments read per query; between batches other requests, webhooks first of all, get their turn. */
export const EXPORT_BATCH = 500;
/** Invoices read per query (their splits are then read by invoice id, one parameter each). */
const INVOICE_BATCH = 500;

const PAYMENT_COLUMNS = [
  ["time_ist", "Time (IST)"], ["time_utc", "Time (UTC)"], ["payment_id", "Payment objectId"], ["utr", "UTR"], ["mode", "Mode"], ["type", "Type"],
  ["buyer_id", "Buyer B2B id"], ["supplier_id", "Supplier B2B id"], ["supplier_name", "Supplier name"],
  ["total", "Total (INR)"], ["net_paid", "Net paid (INR)"], ["adjustment", "Adjustment (INR)"], ["currency", "Currency"],
  ["result", "Result"], ["status", "Status"], ["error_code", "Error code"], ["error_description", "Error description"], ["error_detail", "EnKash error detail"],
  ["invoices", "Invoices"], ["warnings", "Warnings"], ["succeeded_after_failing", "Succeeded after failing"], ["amount_changed", "Amount changed"],
  ["accounts", "Bank accounts (masked)"],
] as const;
const INVOICE_COLUMNS = [
  ["row_kind", "Row"], ["invoice_position", "Invoice #"], ["invoice_id", "Invoice objectId"], ["supplier_invoice_number", "Supplier invoice number"],
  ["invoice_status", "Invoice status"], ["invoice_version", "Invoice version"], ["invoice_total", "Invoice total"], ["invoice_due", "Invoice due"],
  ["invoice_currency", "Invoice currency"], ["invoice_paid", "Paid (INR)"], ["invoice_adjustment", "Invoice adjustment (INR)"],
  ["invoice_payment_total", "Invoice payment total (INR)"], ["account", "Account (masked)"], ["ifsc", "IFSC"], ["vpa", "VPA"], ["beneficiary", "Beneficiary"],
  ["split_position", "Split #"], ["split_name", "Split name"], ["split_value", "Split value (INR)"], ["split_ref", "Split reference"],
] as const;
type Column = (typeof PAYMENT_COLUMNS)[number][0] | (typeof INVOICE_COLUMNS)[number][0];
type ExportRow = Partial<Record<Column, string>>;

/** Amount columns: exact decimals (numbers in Excel), never neutralised (a negative one is not a formula). */
const AMOUNTS = new Set<string>(["total", "net_paid", "adjustment", "invoice_total", "invoice_due", "invoice_paid", "invoice_adjustment", "invoice_payment_total", "split_value"]);
/** A text cell a spreadsheet would run as a formula (OWASP's list): it is written with a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;

const columnsOf = (level: ExportLevel) => (level === "payments" ? PAYMENT_COLUMNS : [...PAYMENT_COLUMNS, ...INVOICE_COLUMNS]);

/** A payment's columns as the export reads them (lib/read-rows.ts). */
const PAYMENT_FIELDS = {
  id: "int", occurredAt: "date", objectId: "text", utr: "text", mode: "text", type: "text", buyerB2BId: "text", supplierB2BId: "text",
  supplierName: "text?", totalPaise: "bigint", netPaidPaise: "bigint", netAdjustmentPaise: "bigint", amountCurrency: "text", result: "text",
  status: "text", errorCd: "text", errorDtl: "text", errorField: "text", invoiceCount: "int", warningCount: "int", hadFailure: "boolean",
  amountChanged: "boolean",
} as const satisfies Record<string, ColumnType>;
type ExportedPayment = RowOf<typeof PAYMENT_FIELDS>;

const INVOICE_FIELDS = {
  id: "int", paymentId: "int", position: "int", objectId: "text?", supplierInvoiceNumber: "text?", currentStatus: "text?", newStatus: "text?",
  currentVersion: "int?", newVersion: "int?", invoiceTotalPaise: "bigint?", invoiceDuePaise: "bigint?", invoiceCurrency: "text?", paidPaise: "bigint?",
  adjustmentPaise: "bigint?", paymentTotalPaise: "bigint?", maskedAccountNumber: "text?", ifsc: "text?", businessVPA: "text?", beneficiaryName: "text?",
} as const satisfies Record<string, ColumnType>;
type ExportedInvoice = RowOf<typeof INVOICE_FIELDS>;
const SPLIT_FIELDS = { invoiceId: "int", position: "int", name: "text?", valuePaise: "bigint?", refNo: "text?" } as const satisfies Record<string, ColumnType>;
type ExportedSplit = RowOf<typeof SPLIT_FIELDS>;

/** A SELECT list naming `fields`' columns. */
const columnList = (fields: Record<string, ColumnType>) => Prisma.raw(Object.keys(fields).map((c) => `"${c}"`).join(", "));

/**
 * The batch of the view's payments after `last` in its order: a range on the (sort key, id) index.
 * Read as plain SQL rather than through Prisma's query path, which cost more than the query itself
 * (lib/read-rows.ts).
 */
export function paymentBatch(p: ListParams, last: Pick<ExportedPayment, "id" | "occurredAt" | "totalPaise"> | null): Prisma.Sql {
  const past = last && { key: p.sort === "amount" ? last.totalPaise : last.occurredAt, id: last.id };
  return keysetQuery(p, { columns: columnList(PAYMENT_FIELDS), past, descending: p.dir === "desc", limit: EXPORT_BATCH });
}

/** Every payment of the view, batch by batch. */
async function* paymentBatches(p: ListParams): AsyncGenerator<ExportedPayment[]> {
  let last: ExportedPayment | null = null;
  for (;;) {
    const rows: ExportedPayment[] = await readRows(paymentBatch(p, last), PAYMENT_FIELDS);
    if (rows.length === 0) return;
    yield rows;
    last = rows.at(-1)!;
    if (rows.length < EXPORT_BATCH) return;
    await yieldToEventLoop();
  }
}

const accountText = (i: { maskedAccountNumber: string | null; ifsc: string | null; businessVPA: string | null }) =>
  [i.maskedAccountNumber, i.ifsc, i.businessVPA].filter(Boolean).join(" ");

/**
 * Each payment's distinct masked bank accounts ("XXXXXXXX7305 HDFC0001234; …"), in the order its
 * invoices first name them. Read grouped, one row per payment and account rather than per invoice:
 * these rows were two thirds of what an export read.
 */
async function accountsOf(payments: ExportedPayment[]): Promise<Map<number, string>> {
  const rows = await readRows(
    Prisma.sql`
      SELECT "paymentId", "maskedAccountNumber", "ifsc", "businessVPA", MIN("position") AS "first"
      FROM "InvoicePayInfo" WHERE "paymentId" IN (${Prisma.join(payments.map((r) => r.id))})
      GROUP BY "paymentId", "maskedAccountNumber", "ifsc", "businessVPA"
      ORDER BY "paymentId", "first"`,
    { paymentId: "int", maskedAccountNumber: "text?", ifsc: "text?", businessVPA: "text?" },
  );
  const accounts = new Map<number, Set<string>>();
  for (const row of rows) {
    const text = accountText(row);
    if (text) accounts.set(row.paymentId, (accounts.get(row.paymentId) ?? new Set()).add(text));
  }
  return new Map([...accounts].map(([id, set]) => [id, [...set].join("; ")]));
}

function paymentRow(payment: ExportedPayment, accounts: string, descriptions: ReadonlyMap<string, string>): ExportRow {
  const status = payment.status as PaymentStatus;
  const hasError = status === "failure" || payment.errorCd !== "";
  return {
    time_ist: istTimestamp(payment.occurredAt),
    time_utc: payment.occurredAt.toISOString(),
    payment_id: payment.objectId,
    utr: payment.utr,
    mode: payment.mode,
    type: payment.type,
    buyer_id: payment.buyerB2BId,
    supplier_id: payment.supplierB2BId,
    supplier_name: payment.supplierName ?? "",
    total: paiseToDecimal(payment.totalPaise),
    net_paid: paiseToDecimal(payment.netPaidPaise),
    adjustment: paiseToDecimal(payment.netAdjustmentPaise),
    currency: payment.amountCurrency,
    result: payment.result,
    status: statusLabel(status, payment.result),
    error_code: payment.errorCd,
    error_description: hasError ? (descriptions.get(payment.errorCd) ?? "") : "",
    error_detail: hasError ? describeFailure(payment) : "",
    invoices: String(payment.invoiceCount),
    warnings: String(payment.warningCount),
    succeeded_after_failing: status === "success" && payment.hadFailure ? "yes" : "no",
    amount_changed: payment.amountChanged ? "yes" : "no",
    accounts,
  };
}

const paise = (value: bigint | null) => (value === null ? "" : paiseToDecimal(value));
const pair = (from: string | number | null, to: string | number | null) => (from === null && to === null ? "" : `${from ?? "?"} → ${to ?? "?"}`);

function invoiceColumns(i: ExportedInvoice): ExportRow {
  return {
    row_kind: "invoice",
    invoice_position: String(i.position + 1),
    invoice_id: i.objectId ?? "",
    supplier_invoice_number: i.supplierInvoiceNumber ?? "",
    invoice_status: pair(i.currentStatus, i.newStatus),
    invoice_version: pair(i.currentVersion, i.newVersion),
    invoice_total: paise(i.invoiceTotalPaise),
    invoice_due: paise(i.invoiceDuePaise),
    invoice_currency: i.invoiceCurrency ?? "",
    invoice_paid: paise(i.paidPaise),
    invoice_adjustment: paise(i.adjustmentPaise),
    invoice_payment_total: paise(i.paymentTotalPaise),
    account: i.maskedAccountNumber ?? "",
    ifsc: i.ifsc ?? "",
    vpa: i.businessVPA ?? "",
    beneficiary: i.beneficiaryName ?? "",
  };
}

type InvoiceWithSplits = { invoice: ExportedInvoice; splits: ExportedSplit[] };

/**
 * Payments in the view's order, grouped so that a group holds at most INVOICE_BATCH invoices;
 * a payment with more than that is a group of its own.
 */
function invoiceGroups(payments: ExportedPayment[]): ExportedPayment[][] {
  const groups: ExportedPayment[][] = [];
  let group: ExportedPayment[] = [];
  let size = 0;
  for (const payment of payments) {
    if (group.length > 0 && size + payment.invoiceCount > INVOICE_BATCH) {
      groups.push(group);
      [group, size] = [[], 0];
    }
    group.push(payment);
    size += payment.invoiceCount;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** The invoices and splits of a group of payments, by payment id and position, a page at a time. */
async function* invoicePages(group: ExportedPayment[]): AsyncGenerator<InvoiceWithSplits[]> {
  const ids = group.map((c) => c.id);
  let last: { paymentId: number; position: number } | null = null;
  for (;;) {
    const after = last ? Prisma.sql`AND ("paymentId" > ${last.paymentId} OR ("paymentId" = ${last.paymentId} AND "position" > ${last.position}))` : Prisma.empty;
    const invoices: ExportedInvoice[] = await readRows(
      Prisma.sql`SELECT ${columnList(INVOICE_FIELDS)} FROM "InvoicePayInfo" WHERE "paymentId" IN (${Prisma.join(ids)}) ${after}
        ORDER BY "paymentId", "position" LIMIT ${INVOICE_BATCH}`,
      INVOICE_FIELDS,
    );
    if (invoices.length === 0) return;
    const splits = await readRows(
      Prisma.sql`SELECT ${columnList(SPLIT_FIELDS)} FROM "InvoiceSplit" WHERE "invoiceId" IN (${Prisma.join(invoices.map((i) => i.id))}) ORDER BY "invoiceId", "position"`,
      SPLIT_FIELDS,
    );
    const splitsOf = new Map<number, ExportedSplit[]>();
    for (const split of splits) splitsOf.set(split.invoiceId, [...(splitsOf.get(split.invoiceId) ?? []), split]);
    yield invoices.map((invoice) => ({ invoice, splits: splitsOf.get(invoice.id) ?? [] }));
    if (invoices.length < INVOICE_BATCH) return;
    last = invoices.at(-1)!;
    await yieldToEventLoop();
  }
}

/** An invoice's row and its splits' rows, the payment's columns repeated on each. */
function invoiceRows(payment: ExportRow, { invoice, splits }: InvoiceWithSplits): ExportRow[] {
  const base = { ...payment, ...invoiceColumns(invoice) };
  return [base, ...splits.map((s) => ({ ...base, row_kind: "split", split_position: String(s.position + 1), split_name: s.name ?? "", split_value: paise(s.valuePaise), split_ref: s.refNo ?? "" }))];
}

/** Every row of the export, batch by batch, in the view's order. */
async function* exportRows(p: ListParams, level: ExportLevel, descriptions: ReadonlyMap<string, string>): AsyncGenerator<ExportRow[]> {
  for await (const payments of paymentBatches(p)) {
    const accounts = await accountsOf(payments);
    const rowOf = new Map(payments.map((payment) => [payment.id, paymentRow(payment, accounts.get(payment.id) ?? "", descriptions)]));
    if (level === "payments") {
      yield [...rowOf.values()];
      continue;
    }
    for (const group of invoiceGroups(payments)) {
      if (group.length === 1) {
        // One payment (perhaps thousands of invoices): its pages are already in order.
        const payment = rowOf.get(group[0]!.id)!;
        let any = false;
        for await (const page of invoicePages(group)) {
          any = true;
          yield page.flatMap((i) => invoiceRows(payment, i));
        }
        if (!any) yield [{ ...payment, row_kind: "payment" }];
        continue;
      }
      // Several payments, INVOICE_BATCH invoices at most: gathered, then written in the view's order.
      const byPayment = new Map<number, ExportRow[]>();
      for await (const page of invoicePages(group)) {
        for (const i of page) byPayment.set(i.invoice.paymentId, [...(byPayment.get(i.invoice.paymentId) ?? []), ...invoiceRows(rowOf.get(i.invoice.paymentId)!, i)]);
      }
      yield group.flatMap((payment) => byPayment.get(payment.id) ?? [{ ...rowOf.get(payment.id)!, row_kind: "payment" }]);
    }
  }
}

/** "payments-failed-2026-11-26.csv", "invoices-all-filtered-2026-11-26.xlsx": what the view is, and when it was taken (IST). */
export function exportFileName(p: ListParams, { format = "csv", level = "payments", now = new Date() }: { format?: ExportFormat; level?: ExportLevel; now?: Date } = {}): string {
  const view = p.result === "all" ? "all" : p.result === "failure" ? "failed" : p.result === "success" ? "settled" : "other";
  const filtered = activeFilters(p).some((f) => f !== "result") ? "-filtered" : "";
  return `${level}-${view}${filtered}-${istDay(now)}.${format}`;
}

/** Text a spreadsheet would run as a formula, made plain text with a leading apostrophe. */
export const plainText = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
const neutralise = (column: string, value: string) => (AMOUNTS.has(column) ? value : plainText(value));

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;
const csvField = (value: string) => (NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * Rows as CSV: UTF-8 with a BOM (Excel then shows names in Indian scripts), one line per row, each
 * batch encoded at once. Written here rather than through a CSV library's stream: at a million
 * rows its per-field transform was a tenth of the export's time.
 */
function csvStream(level: ExportLevel, rows: AsyncGenerator<ExportRow[]>): ReadableStream<Uint8Array> {
  const columns = columnsOf(level);
  const encoder = new TextEncoder();
  let header = `\uFEFF${columns.map(([, label]) => csvField(label)).join(",")}\n`;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await rows.next();
      let text = header;
      header = "";
      if (!next.done) for (const row of next.value) text += `${columns.map(([key]) => csvField(neutralise(key, row[key] ?? ""))).join(",")}\n`;
      if (text) controller.enqueue(encoder.encode(text));
      if (next.done) controller.close();
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

/** Bytes of sheet XML allowed to wait for compression. */
const ZIP_BACKLOG_BYTES = 4 * 1_048_576;

/**
 * exceljs's sheet stream never reports backpressure (its write() always returns true) and hands
 * its XML to the zip's compressor as it comes, so a fast producer piles XML up in memory ahead of
 * the compressor. This waits while the compressor's input holds more than ZIP_BACKLOG_BYTES. It
 * reads exceljs's internals (the sheet stream's pipe, a Node stream); if they change shape it
 * stops waiting, and bench/export.ts shows the memory it then takes.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  type Pipe = { writableLength?: number; _writableState?: { length?: number } };
  const pipe = (sheet as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes?.[0];
  // archiver's PassThrough comes from readable-stream 3, which has no writableLength getter.
  const backlog = () => pipe?.writableLength ?? pipe?._writableState?.length;
  for (let waited = 0; (backlog() ?? 0) > ZIP_BACKLOG_BYTES && waited < 6_000; waited++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Rows as an Excel workbook, written by exceljs's streaming writer (rows are committed as they
 * come, so they are not held in memory). Text is written as text cells, which Excel never runs as
 * formulas; amounts are numbers formatted to two decimals (every amount below 2^53 paise is one
 * exact decimal, and the file holds its shortest form, e.g. 1234.56).
 */
function xlsxStream(level: ExportLevel, rows: AsyncGenerator<ExportRow[]>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(level === "payments" ? "Payments" : "Invoices", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columnsOf(level).map(([key, header]) => ({ key, header, width: AMOUNTS.has(key) ? 16 : Math.max(12, Math.min(40, header.length + 2)), style: AMOUNTS.has(key) ? { numFmt: "#,##0.00" } : {} }));
  const write = async () => {
    for await (const batch of rows) {
      for (const row of batch) {
        const cells: Record<string, string | number> = {};
        for (const [key, value] of Object.entries(row)) cells[key] = AMOUNTS.has(key) && value !== "" ? Number(value) : value;
        sheet.addRow(cells).commit();
      }
      // Wait while the zip or the reader is behind, so neither fills memory.
      await zipCaughtUp(sheet);
      if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
    }
    sheet.commit();
    await workbook.commit();
  };
  const done = write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  void done;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      out.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 1) <= 0) out.pause();
      });
      out.once("end", () => controller.close());
      out.once("error", (error) => controller.error(error));
    },
    pull() {
      out.resume();
    },
    async cancel() {
      await rows.return(undefined);
      out.destroy();
    },
  });
}

/** The view, exported. Audited before the first byte. */
export async function exportPayments(viewer: Viewer, p: ListParams, { format = "csv", level = "payments" }: { format?: ExportFormat; level?: ExportLevel } = {}): Promise<ReadableStream<Uint8Array>> {
  authorize(viewer, "export");
  await auditAs(viewer, "payments.export", null, { format, level, filters: activeFilters(p), sort: p.sort, dir: p.dir });
  const descriptions = new Map((await readPrisma.errorCode.findMany({ select: { code: true, description: true } })).map((e) => [e.code, e.description]));
  const rows = exportRows(p, level, descriptions);
  return format === "xlsx" ? xlsxStream(level, rows) : csvStream(level, rows);
}
