// Export (issue 11): exactly the view's rows in its order, totals equal to the list's, exact
// decimals, formula-looking text neutralised, a BOM, masked accounts only, roles and audit; the
// invoice level (a row per invoice and per split) and Excel workbooks.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { generateDemoMessages } from "@/lib/demo/generate-payments";
import { EXPORT_BATCH, exportFileName, exportPayments, type ExportLevel } from "@/lib/export/payment-export";
import { parseListParams } from "@/lib/payments/list-params";
import { listPayments } from "@/lib/payments/list-payments";
import { bigPayment } from "./support/big-payment";
import { freshPayment, postEach, postWebhook } from "./support/webhook";
import { admin, finance, support } from "./support/viewers";

const FORMULA_SUPPLIER = "=HYPERLINK(\"http://evil.example\",\"click\")";

beforeAll(async () => {
  // More than two batches, so that the keyset is crossed several times.
  await postEach(Array.from(generateDemoMessages(Math.ceil(EXPORT_BATCH * 2.5), 6, 11, new Date("2026-06-01T00:00:00Z")), (m) => m.text));
  const hostile = freshPayment();
  hostile.payment.invoicesPayInfos[0].supplierBankAccountDetails.beneficiaryName = FORMULA_SUPPLIER;
  hostile.b2bIds.supplierB2BId = "@SUM(A1:A9)";
  expect((await postWebhook(hostile)).status).toBe(200);
  // More invoices than one invoice batch, each with two splits: read page by page.
  expect((await postWebhook(bigPayment(1_203, 2))).status).toBe(200);
}, 300_000);

async function exported(query: Record<string, string>, viewer = finance, level: ExportLevel = "payments") {
  const stream = await exportPayments(viewer, parseListParams(query), { level });
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { bytes, text, rows: parse(text, { bom: true, columns: true }) as Record<string, string>[] };
}

describe("CSV export", () => {
  it.each([
    [{}],
    [{ result: "failure" }],
    [{ sort: "amount", dir: "asc" }],
    [{ mode: "NEFT", min: "10,000" }],
  ])("exports exactly the rows of %j, in the list's order, with the list's totals", async (query) => {
    const { rows } = await exported(query);
    const list = await listPayments(finance, parseListParams({ ...query, size: "100" }));
    expect(rows).toHaveLength(list.total);
    expect(rows.slice(0, list.rows.length).map((r) => r["Payment objectId"])).toEqual(list.rows.map((r) => r.objectId));
    expect(new Set(rows.map((r) => r["Payment objectId"])).size).toBe(rows.length);
    const paise = rows.reduce((sum, r) => sum + BigInt(r["Total (INR)"]!.replace(".", "")), 0n);
    const listed = list.all.amount.replace(/[₹,.]/g, "");
    expect(paise.toString()).toBe(BigInt(listed).toString());
  }, 60_000);

  it("writes a BOM, exact decimals, IST and UTC times, and neutralises formulas", async () => {
    const { bytes, rows } = await exported({});
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const hostile = rows.find((r) => r["Supplier name"]!.includes("HYPERLINK"))!;
    expect(hostile["Supplier name"]).toBe(`'${FORMULA_SUPPLIER}`);
    expect(hostile["Supplier B2B id"]).toBe("'@SUM(A1:A9)");
    for (const r of rows) {
      expect(r["Total (INR)"]).toMatch(/^-?\d+\.\d{2}$/);
      expect(r["Time (IST)"]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const utc = new Date(r["Time (UTC)"]!);
      expect(new Date(utc.getTime() + 330 * 60_000).toISOString().slice(0, 19).replace("T", " ")).toBe(r["Time (IST)"]);
    }
    const failed = rows.find((r) => r.Status === "Failed")!;
    expect(failed["Error code"]).not.toBe("");
    expect(failed["EnKash error detail"]).not.toBe("");
  }, 60_000);

  it("shows masked account numbers only", async () => {
    const { rows } = await exported({});
    const entries = rows.flatMap((r) => r["Bank accounts (masked)"]!.split("; ").filter(Boolean));
    expect(entries.length).toBeGreaterThan(rows.length / 2);
    // "XXXXXXXX7305 HDFC0001234 vpa@bank": the number, when there is one, shows four digits at most.
    for (const entry of entries) expect(entry.split(" ")[0], entry).toMatch(/^(X+\d{4}|[A-Z]{4}0[A-Z0-9]{6}|[^\s@]+@[^\s@]+)$/);
  }, 60_000);

  it("lists each payment's accounts once each, in the order its invoices first name them", async () => {
    const body = freshPayment();
    const invoices = body.payment.invoicesPayInfos;
    invoices.push(structuredClone(invoices[0]));
    invoices[2].objectId = `${invoices[0].objectId}C`;
    invoices[2].supplierInvoiceNumber = `${invoices[0].supplierInvoiceNumber}/C`;
    invoices[0].supplierBankAccountDetails.maskedAccountNumber = "XXXXXXXX9999";
    invoices[2].supplierBankAccountDetails.maskedAccountNumber = "XXXXXXXX9999";
    invoices[1].supplierBankAccountDetails = { ...invoices[1].supplierBankAccountDetails, maskedAccountNumber: "XXXXXXXX7305", businessVPA: null };
    expect((await postWebhook(body)).status).toBe(200);
    const { rows } = await exported({});
    const row = rows.find((r) => r["Payment objectId"] === body.payment.objectId)!;
    expect(row["Bank accounts (masked)"]).toBe(`XXXXXXXX9999 ${invoices[0].supplierBankAccountDetails.ifsc} ${invoices[0].supplierBankAccountDetails.businessVPA}; XXXXXXXX7305 ${invoices[1].supplierBankAccountDetails.ifsc}`);
  }, 60_000);

  it("is refused to support and audited for finance", async () => {
    await expect(exportPayments(support, parseListParams({}))).rejects.toThrow();
    await expect(exportPayments(support, parseListParams({}), { format: "xlsx", level: "invoices" })).rejects.toThrow();
    const before = await prisma.auditEvent.count({ where: { action: "payments.export" } });
    await exported({ result: "failure" }, admin);
    expect(await prisma.auditEvent.count({ where: { action: "payments.export" } })).toBe(before + 1);
  }, 60_000);

  it("names the file after the view and the IST date", () => {
    const at = new Date("2026-03-31T20:00:00Z");
    expect(exportFileName(parseListParams({}), { now: at })).toBe("payments-all-2026-04-01.csv");
    expect(exportFileName(parseListParams({ result: "failure", mode: "UPI" }), { now: at })).toBe("payments-failed-filtered-2026-04-01.csv");
    expect(exportFileName(parseListParams({ result: "success" }), { now: at, format: "xlsx", level: "invoices" })).toBe("invoices-settled-2026-04-01.xlsx");
  });
});

/** What the database holds for the view's payments: invoice and split rows, and the paid total. */
async function storedInvoices(objectIds: string[]) {
  const payments = await prisma.payment.findMany({ where: { objectId: { in: objectIds } }, select: { id: true, objectId: true } });
  const invoices = await prisma.invoicePayInfo.findMany({ where: { paymentId: { in: payments.map((p) => p.id) } }, select: { paidPaise: true, paymentId: true, _count: { select: { splits: true } } } });
  const withInvoices = new Set(invoices.map((i) => i.paymentId));
  return {
    rows: invoices.reduce((n, i) => n + 1 + i._count.splits, 0) + payments.filter((p) => !withInvoices.has(p.id)).length,
    paidPaise: invoices.reduce((n, i) => n + (i.paidPaise ?? 0n), 0n),
  };
}

const paiseOf = (decimal: string) => BigInt(decimal.replace(".", ""));

describe("invoice-level export", () => {
  it.each([[{}], [{ result: "success", sort: "amount" }]])("has a row per invoice and per split of %j, in the view's order, with the payment repeated", async (query) => {
    const payments = (await exported(query)).rows.map((r) => r["Payment objectId"]!);
    const { rows } = await exported(query, finance, "invoices");
    const stored = await storedInvoices(payments);
    expect(rows).toHaveLength(stored.rows);
    // The view's order: each payment's rows together, payments in the same order as the payment export.
    const order = rows.map((r) => r["Payment objectId"]!).filter((id, i, all) => id !== all[i - 1]);
    expect(order).toEqual(payments);
    const invoiceRows = rows.filter((r) => r.Row === "invoice");
    expect(invoiceRows.reduce((n, r) => n + paiseOf(r["Paid (INR)"]!), 0n)).toBe(stored.paidPaise);
    const big = rows.filter((r) => r["Payment objectId"]!.startsWith("PMTBIG"));
    expect(big.filter((r) => r.Row === "invoice").map((r) => Number(r["Invoice #"]))).toEqual(Array.from({ length: 1_203 }, (_, i) => i + 1));
    expect(big.filter((r) => r.Row === "split")).toHaveLength(2 * 1_203);
    const split = big.find((r) => r.Row === "split")!;
    expect([split["Split name"], split["Split value (INR)"], split["Supplier invoice number"], split.UTR]).toEqual(["TDS_194C", "10.00", "SGT/2025-26/0", big[0]!.UTR]);
    for (const r of rows) expect(r["Account (masked)"]).toMatch(/^(X+\d{4})?$/);
  }, 120_000);
});

/** The workbook's first sheet as header → cell rows. */
async function workbook(query: Record<string, string>, level: ExportLevel) {
  const stream = await exportPayments(finance, parseListParams(query), { format: "xlsx", level });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await new Response(stream).arrayBuffer()) as unknown as ExcelJS.Buffer);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  const rows: Record<string, ExcelJS.Cell>[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1)])));
  });
  return rows;
}

describe("Excel export", () => {
  it("holds the view's payments, amounts as numbers to the paisa, and formula-looking text as plain text", async () => {
    const rows = await workbook({ sort: "amount", dir: "asc" }, "payments");
    const csv = (await exported({ sort: "amount", dir: "asc" })).rows;
    expect(rows.map((r) => r["Payment objectId"]!.text)).toEqual(csv.map((r) => r["Payment objectId"]));
    for (const [i, r] of rows.entries()) {
      expect(r["Total (INR)"]!.type).toBe(ExcelJS.ValueType.Number);
      expect((r["Total (INR)"]!.value as number).toFixed(2)).toBe(csv[i]!["Total (INR)"]);
    }
    const hostile = rows.find((r) => String(r["Supplier name"]!.value).includes("HYPERLINK"))!;
    expect(hostile["Supplier name"]!.type).toBe(ExcelJS.ValueType.String);
    expect(hostile["Supplier name"]!.value).toBe(FORMULA_SUPPLIER);
    expect(rows.some((r) => Object.values(r).some((c) => c.type === ExcelJS.ValueType.Formula))).toBe(false);
  }, 120_000);

  it("has the invoice level too", async () => {
    const rows = await workbook({ result: "success" }, "invoices");
    const csv = (await exported({ result: "success" }, finance, "invoices")).rows;
    expect(rows).toHaveLength(csv.length);
    expect(rows.map((r) => String(r.Row!.value))).toEqual(csv.map((r) => r.Row));
  }, 120_000);
});
