// CSV export (issue 11, first part): exactly the view's rows in its order, totals equal to the list's,
// exact decimals, formula-looking text neutralised, a BOM, masked accounts only, roles and audit.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { generateDemoMessages } from "@/lib/demo/generate-payments";
import { EXPORT_BATCH, exportFileName, exportPaymentsCsv } from "@/lib/export/payments-csv";
import { parseListParams } from "@/lib/payments/list-params";
import { listPayments } from "@/lib/payments/list-payments";
import { freshPayment, postWebhook } from "./support/webhook";
import { admin, finance, support } from "./support/viewers";

const FORMULA_SUPPLIER = "=HYPERLINK(\"http://evil.example\",\"click\")";

beforeAll(async () => {
  // More than two batches, so that the keyset is crossed several times.
  for (const message of generateDemoMessages(Math.ceil(EXPORT_BATCH * 2.5), 6, 11, new Date("2026-06-01T00:00:00Z"))) await postWebhook(message.text);
  const hostile = freshPayment();
  hostile.payment.invoicesPayInfos[0].supplierBankAccountDetails.beneficiaryName = FORMULA_SUPPLIER;
  hostile.b2bIds.supplierB2BId = "@SUM(A1:A9)";
  expect((await postWebhook(hostile)).status).toBe(200);
}, 300_000);

async function exported(query: Record<string, string>, viewer = finance) {
  const stream = await exportPaymentsCsv(viewer, parseListParams(query));
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

  it("is refused to support and audited for finance", async () => {
    await expect(exportPaymentsCsv(support, parseListParams({}))).rejects.toThrow();
    const before = await prisma.auditEvent.count({ where: { action: "payments.export" } });
    await exported({ result: "failure" }, admin);
    expect(await prisma.auditEvent.count({ where: { action: "payments.export" } })).toBe(before + 1);
  }, 60_000);

  it("names the file after the view and the IST date", () => {
    const at = new Date("2026-03-31T20:00:00Z");
    expect(exportFileName(parseListParams({}), at)).toBe("payments-all-2026-04-01.csv");
    expect(exportFileName(parseListParams({ result: "failure", mode: "UPI" }), at)).toBe("payments-failed-filtered-2026-04-01.csv");
  });
});
