// Bank-statement matching (README → Bank statements): reading Indian banks' layouts, extracting
// UTRs from narrations, matching 5,000 statement lines against 10,000 payments with the expected
// matched, suggested and unmatched counts, re-uploads that add nothing twice, and decisions.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { guessMapping, type Mapping } from "@/lib/statements/layouts";
import { detectDateFormat, parseDay } from "@/lib/statements/dates";
import { parseAmount, readLines, utrCandidates } from "@/lib/statements/lines";
import { importStatement, inspectStatement } from "@/lib/statements/import";
import { decideSuggestion, exportStatementResults, getStatementResults } from "@/lib/statements/results";
import { ACCOUNTS } from "./support/account-shapes";
import { finance, support } from "./support/viewers";

describe("reading statements", () => {
  it("reads the amounts, dates and Dr/Cr markers banks write", () => {
    expect(parseAmount("1,25,000.00")).toEqual({ paise: 12_500_000n, side: null });
    expect(parseAmount("₹ 1,250.5")).toEqual({ paise: 125_050n, side: null });
    expect(parseAmount("INR 99")).toEqual({ paise: 9_900n, side: null });
    expect(parseAmount("(1,250.00)")).toEqual({ paise: -125_000n, side: null });
    expect(parseAmount("-1250.75")).toEqual({ paise: -125_075n, side: null });
    expect(parseAmount("1,250.00 Dr")).toEqual({ paise: 125_000n, side: "dr" });
    expect(parseAmount("1,250.00Cr")).toEqual({ paise: 125_000n, side: "cr" });
    for (const bad of ["", "12.345", "abc", "1.2.3"]) expect(parseAmount(bad), bad).toBeNull();
    expect(parseDay("05/03/2025", "DD/MM/YYYY")).toBe("2025-03-05");
    expect(parseDay("05-Mar-2025", "DD-MMM-YYYY")).toBe("2025-03-05");
    expect(parseDay("05/03/25", "DD/MM/YY")).toBe("2025-03-05");
    expect(parseDay("05/03/2025 14:22:10", "DD/MM/YYYY")).toBe("2025-03-05");
    expect(parseDay("2025-03-05", "DD/MM/YYYY"), "an Excel date cell").toBe("2025-03-05");
    expect(parseDay("31/02/2025", "DD/MM/YYYY")).toBeNull();
    expect(detectDateFormat(["01/03/2025", "28/03/2025"])).toBe("DD/MM/YYYY");
    expect(detectDateFormat(["01 Mar 2025", "28 Mar 2025"])).toBe("DD MMM YYYY");
  });

  it("finds UTRs and RRNs in the narrations Indian banks write", () => {
    expect(utrCandidates("", "NEFT/HDFCN52025071463819274/SHREE GANESH TRADERS")).toContain("HDFCN52025071463819274");
    expect(utrCandidates("", "IMPS-519616204815-SUPPLIER-HDFC")).toContain("519616204815");
    expect(utrCandidates("UTIBR52025071400012345678", "RTGS CR")).toEqual(["UTIBR52025071400012345678"]);
    expect(utrCandidates("", "UPI/519709318462/payment/okhdfc")).toContain("519709318462");
    expect(utrCandidates("", "BULK PAYMENT BATCH 7")).toEqual([]);
  });

  it("guesses the columns of common Indian layouts, with the rows above the header skipped", () => {
    const layouts: [string, string[][], Partial<Mapping>][] = [
      ["HDFC", [["HDFC BANK Ltd."], ["Account No : XXXXXXXX1234"], [], ["Date", "Narration", "Chq./Ref.No.", "Value Dt", "Withdrawal Amt.", "Deposit Amt.", "Closing Balance"], ["01/03/25", "NEFT/X", "0000", "01/03/25", "100.00", "", "900.00"]],
        { headerRow: 3, date: 0, dateFormat: "DD/MM/YY", narration: 1, reference: 2, amountStyle: "debit-column", amount: 4 }],
      ["SBI", [["Txn Date", "Value Date", "Description", "Ref No./Cheque No.", "Debit", "Credit", "Balance"], ["1 Mar 2025", "1 Mar 2025", "TO TRANSFER", "", "100.00", "", "1.00"]],
        { headerRow: 0, date: 0, dateFormat: "DD MMM YYYY", narration: 2, reference: 3, amountStyle: "debit-column", amount: 4 }],
      ["Kotak", [["Sl. No.", "Transaction Date", "Value Date", "Description", "Chq / Ref No.", "Amount", "Dr / Cr", "Balance"], ["1", "01-03-2025", "01-03-2025", "NEFT", "", "100.00", "DR", "1.00"]],
        { date: 1, dateFormat: "DD-MM-YYYY", narration: 3, reference: 4, amountStyle: "amount-and-drcr", amount: 5, drcr: 6 }],
      ["signed", [["Posting Date", "Remarks", "Amount"], ["2025-03-01", "IMPS", "-100.00"]], { date: 0, narration: 1, reference: null, amountStyle: "signed-amount", amount: 2 }],
    ];
    for (const [name, rows, expected] of layouts) expect(guessMapping(rows).mapping, name).toMatchObject(expected);
    expect(guessMapping([["Date", "Narration", "Chq./Ref.No.", "Value Dt", "Withdrawal Amt.", "Deposit Amt.", "Closing Balance"], ["01/03/25", "x", "", "", "1", "", ""]]).looksLike).toBe("HDFC Bank");
    expect(guessMapping([["a", "b"], ["1", "2"]]).missing[0]).toContain("header row");
  });

  it("reads debits only, and says which rows were skipped", () => {
    const rows = [["Date", "Narration", "Amount", "Dr/Cr"], ["01/03/2025", "A", "100.00", "DR"], ["02/03/2025", "B", "50.00", "CR"], ["Closing balance", "", "", ""], ["03/03/2025", "C", "7.00", "X"]];
    const read = readLines(rows, { headerRow: 0, date: 0, dateFormat: "DD/MM/YYYY", narration: 1, reference: null, amountStyle: "amount-and-drcr", amount: 2, drcr: 3 });
    expect(read.debits.map((d) => [d.day, d.debitPaise])).toEqual([["2025-03-01", 10_000n]]);
    expect(read.others).toBe(1);
    expect(read.skipped).toEqual([{ row: 4, why: "no DD/MM/YYYY date" }, { row: 5, why: "neither Dr nor Cr" }]);
  });
});

// ---- 5,000 lines against 10,000 payments ----

const PAYMENTS = 10_000;
const RUN = Date.now().toString(36).toUpperCase();
const netPaid = (i: number) => 1_000_000n + BigInt(i) * 101n;
const dayOf = (i: number) => `2025-03-${String(1 + (i % 28)).padStart(2, "0")}`;
const utrOf = (i: number) => (i % 3 === 0 ? `HDFCN5${RUN.slice(-4).padStart(4, "0")}${String(i).padStart(11, "0")}` : i % 3 === 1 ? `5${String(i).padStart(11, "0")}` : `UTIBR${String(i).padStart(17, "0")}`);
const failed = (i: number) => i % 500 === 0;

async function seedPayments() {
  const rows = Array.from({ length: PAYMENTS }, (_, i) => {
    const at = new Date(`${dayOf(i)}T10:00:00+05:30`);
    const status = failed(i) ? "failure" : "success";
    return {
      objectId: `PMTSTMT${RUN}${String(i).padStart(6, "0")}`, reqMsgId: `REQ${i}`, result: status === "failure" ? "FAILURE" : "SUCCESS", status, errorCd: status === "failure" ? "E2001" : "",
      errorDtl: "", errorField: "", buyerB2BId: "BUYSTMT", supplierB2BId: `SUPSTMT${i % 40}`, supplierName: `Supplier ${i % 40}`, ts: at.toISOString(), tsInstant: at, tsTrusted: true,
      stateReceivedAt: at, occurredAt: at, type: "ONPLATFORM", mode: "NEFT", utr: utrOf(i), utrNormalized: utrOf(i), currency: "INR",
      netPaidPaise: netPaid(i), netAdjustmentPaise: 0n, totalPaise: netPaid(i), amountCurrency: "INR", invoiceCount: 0, warnings: "[]", warningCount: 0, firstReceivedAt: at,
    };
  });
  for (let at = 0; at < rows.length; at += 1_000) await prisma.payment.createMany({ data: rows.slice(at, at + 1_000) });
}

const rupees = (paise: bigint) => `${(paise / 100n).toLocaleString("en-IN")}.${String(paise % 100n).padStart(2, "0")}`;
const ddmmyyyy = (day: string) => day.split("-").reverse().join("/");
const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const [ACCOUNT] = ACCOUNTS;

/** Statement lines, in the HDFC layout: [day, narration, reference, withdrawal]. */
function statementLines(): string[][] {
  const lines: string[][] = [];
  const narrations = [(u: string) => `NEFT/${u}/SUPPLIER PVT LTD`, (u: string) => `IMPS-${u}-SUPPLIER`, (u: string) => `RTGS:${u}:PAYMENT`];
  for (let i = 0; i < 3_000; i++) {
    // Matched by UTR: the value date is a day either side or the same; some carry the UTR in the reference.
    lines.push([shift(dayOf(i), (i % 3) - 1), narrations[i % 3]!(utrOf(i)), i % 4 === 0 ? utrOf(i) : "", rupees(netPaid(i))]);
  }
  for (let i = 3_000; i < 4_000; i++) lines.push([dayOf(i), "BULK PAYMENT BATCH 7", "", rupees(netPaid(i))]);
  // A UTR that is a payment's, with another amount: never matched, never suggested.
  for (let i = 4_000; i < 4_500; i++) lines.push([dayOf(i), `NEFT/${utrOf(i)}/SUPPLIER`, "", rupees(netPaid(i) + 100n)]);
  // No payment at all; one names a full account number in its narration.
  for (let k = 0; k < 500; k++) lines.push([dayOf(k), k === 0 ? `TRF TO A/C ${ACCOUNT} CHARGES` : `CHARGES ${k}`, "", rupees(999_999_00n + BigInt(k) * 1_000n + 7n)]);
  return lines;
}

function hdfcCsv(lines: string[][]): string {
  const head = ["HDFC BANK Ltd.", "Statement of account", "Account No : XXXXXXXX1234", ""];
  const header = "Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance";
  const body = lines.map(([day, narration, reference, amount]) => [ddmmyyyy(day!), narration!, reference!, ddmmyyyy(day!), amount!, "", "1,00,000.00"].map(csvCell).join(","));
  // A deposit and the footer banks add.
  return [...head, header, ...body, "02/03/2025,INTEREST CREDIT,,02/03/2025,,1500.00,1,01,500.00", "", "Closing balance,,,,,,1,00,000.00"].join("\r\n");
}

const file = (text: string, name = "hdfc-march.csv") => ({ name, bytes: new TextEncoder().encode(text) });

describe("matching a statement of 5,000 lines against 10,000 payments", () => {
  beforeAll(async () => {
    await seedPayments();
  }, 120_000);

  let statementId = 0;
  const account = `HDFC current ••1234 ${RUN}`;

  it("guesses the layout, then matches 3,000 by UTR, suggests 1,000 and leaves 1,000 unmatched", { timeout: 120_000 }, async () => {
    const csv = hdfcCsv(statementLines());
    const inspection = await inspectStatement(finance, file(csv), "HDFC Bank");
    expect(inspection).toMatchObject({ source: "guessed", looksLike: "HDFC Bank" });
    expect(inspection.mapping).toMatchObject({ headerRow: 3, date: 0, narration: 1, reference: 2, amountStyle: "debit-column", amount: 4, dateFormat: "DD/MM/YYYY" });
    expect(JSON.stringify(inspection.top)).not.toContain(ACCOUNT.slice(0, 8));
    expect(inspection.top[3]![0]).toBe("Date");

    const result = await importStatement(finance, { file: file(csv), account, bank: "HDFC Bank", mapping: inspection.mapping });
    expect(result).toMatchObject({ debitLines: 5_000, newLines: 5_000, otherLines: 1, matched: 3_000, suggested: 1_000, unmatched: 1_000 });
    expect(result.skipped).toBe(1); // the closing-balance footer
    statementId = result.statementId;

    const results = (await getStatementResults(finance, statementId))!;
    const failedMatched = Array.from({ length: 3_000 }, (_, i) => i).filter(failed).length;
    const settledWithoutLine = Array.from({ length: PAYMENTS }, (_, i) => i).filter((i) => i >= 3_000 && !failed(i)).length;
    expect(results.counts).toEqual({ "failed-debited": failedMatched, matched: 3_000 - failedMatched, suggested: 1_000, unmatched: 1_000, "payment-only": settledWithoutLine });
    expect(results.lists["failed-debited"].every((l) => l.payment?.status === "failure")).toBe(true);
    const withNote = results.lists.unmatched.find((l) => l.note?.includes("net paid amount"));
    expect(withNote!.note).toMatch(/^UTR \S+ is payment PMTSTMT\S+, but its net paid amount is ₹[\d,]+\.\d\d, not ₹[\d,]+\.\d\d\.$/);
    // A known payment's UTR stays readable; a full account number in a narration does not.
    const stored = await prisma.statementLine.findMany({ where: { account }, select: { narration: true, reference: true } });
    expect(JSON.stringify(stored)).not.toContain(ACCOUNT.slice(0, 8));
    expect(stored.some((l) => l.narration.includes(utrOf(1)))).toBe(true);
    // The mapping is remembered for the bank.
    expect((await inspectStatement(finance, file(csv), "  hdfc bank ")).source).toBe("remembered");
  });

  it("adds nothing when the same statement is uploaded again, and only the new lines of an overlapping one", { timeout: 120_000 }, async () => {
    const lines = statementLines();
    const mapping = (await inspectStatement(finance, file(hdfcCsv(lines)), "HDFC Bank")).mapping;
    const again = await importStatement(finance, { file: file(hdfcCsv(lines)), account, bank: "HDFC Bank", mapping });
    expect(again).toMatchObject({ debitLines: 5_000, newLines: 0, matched: 0, suggested: 0, unmatched: 0 });
    const extra = Array.from({ length: 300 }, (_, k) => [dayOf(k), `NEW CHARGES ${k}`, "", rupees(888_888_00n + BigInt(k) * 1_000n + 3n)]);
    const overlap = await importStatement(finance, { file: file(hdfcCsv([...lines.slice(2_500), ...extra])), account, bank: "HDFC Bank", mapping });
    expect(overlap).toMatchObject({ debitLines: 2_800, newLines: 300, unmatched: 300 });
    const results = (await getStatementResults(finance, statementId))!;
    expect(await prisma.statementLine.count({ where: { account } })).toBe(5_300);
    expect(results.counts.unmatched).toBe(1_300);
    expect(results.counts.suggested).toBe(1_000);
    expect(results.uploads.map((u) => u.newLines)).toEqual([5_000, 0, 300]);
    // Another account's statement is its own.
    const other = await importStatement(finance, { file: file(hdfcCsv(lines.slice(4_500))), account: `ICICI ••9876 ${RUN}`, bank: "HDFC Bank", mapping });
    expect(other.newLines).toBe(500);
  });

  it("accepts and rejects suggestions, audited, and exports every section", { timeout: 120_000 }, async () => {
    const before = (await getStatementResults(finance, statementId))!;
    const [first, second] = before.lists.suggested;
    await expect(decideSuggestion(support, { lineId: first!.id, decision: "accept" })).rejects.toThrow();
    await decideSuggestion(finance, { lineId: first!.id, decision: "accept" });
    const rejected = await decideSuggestion(finance, { lineId: second!.id, decision: "reject" });
    expect(rejected.message).toContain("no other payment fits");
    await expect(decideSuggestion(finance, { lineId: first!.id, decision: "reject" })).rejects.toThrow(/no suggestion waiting/);
    const after = (await getStatementResults(finance, statementId))!;
    expect(after.counts.suggested).toBe(before.counts.suggested - 2);
    expect(after.counts.matched).toBe(before.counts.matched + 1);
    expect(after.counts.unmatched).toBe(before.counts.unmatched + 1);
    expect(after.counts["payment-only"]).toBe(before.counts["payment-only"] - 1);
    expect(after.lists.matched.find((l) => l.id === first!.id)).toMatchObject({ matchedBy: "accepted" });
    expect(await prisma.auditEvent.count({ where: { action: { in: ["statement.accept", "statement.reject"] } } })).toBe(2);

    const exported = (await exportStatementResults(finance, statementId))!;
    const rows = exported.csv.trim().split("\n");
    const sections = rows.slice(1).map((r) => r.split(",")[0]);
    const count = (s: string) => sections.filter((x) => x === s).length;
    expect(count("failed-debited") + count("matched")).toBe(after.counts.matched + after.counts["failed-debited"]);
    expect(count("suggested")).toBe(after.counts.suggested);
    expect(count("unmatched")).toBe(after.counts.unmatched);
    expect(count("payment-only")).toBe(after.counts["payment-only"]);
    expect(exported.fileName).toMatch(/^statement-HDFC-current-1234-\w+-2025-02-28-to-2025-03-29\.csv$/);
    expect(exported.csv).not.toContain(ACCOUNT.slice(0, 8));
  });

  it("reads the same statement from an Excel workbook", { timeout: 60_000 }, async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Statement");
    sheet.addRow(["ICICI Bank"]);
    sheet.addRow(["Value Date", "Transaction Date", "Cheque Number", "Transaction Remarks", "Withdrawal Amount (INR )", "Deposit Amount (INR )", "Balance (INR )"]);
    for (let i = 5_000; i < 5_010; i++) sheet.addRow([new Date(`${dayOf(i)}T00:00:00Z`), new Date(`${dayOf(i)}T00:00:00Z`), "", `NEFT/${utrOf(i)}/X`, Number(netPaid(i)) / 100, null, 1000]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const inspection = await inspectStatement(finance, { name: "icici.xlsx", bytes }, "ICICI Bank");
    expect(inspection.looksLike).toBe("ICICI Bank");
    const result = await importStatement(finance, { file: { name: "icici.xlsx", bytes }, account: `ICICI xlsx ${RUN}`, bank: "ICICI Bank", mapping: inspection.mapping });
    expect(result).toMatchObject({ debitLines: 10, matched: 10 });
  });

  it("refuses what it cannot read, and an account named by its full number", async () => {
    await expect(inspectStatement(finance, file(""), "X")).rejects.toThrow(/empty/);
    await expect(inspectStatement(finance, { name: "a.xlsx", bytes: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2]) }, "X")).rejects.toThrow(/Excel workbook/);
    const mapping = { headerRow: 0, date: 0, dateFormat: "DD/MM/YYYY", narration: 1, reference: null, amountStyle: "debit-column", amount: 2, drcr: null };
    await expect(importStatement(finance, { file: file("Date,Narration,Debit\n01/03/2025,x,5.00"), account: `A/c ${ACCOUNT}`, bank: "X", mapping })).rejects.toThrow(/without its full number/);
    await expect(importStatement(finance, { file: file("Date,Narration,Debit\n1st March,x,5.00"), account: "X ••1", bank: "X", mapping })).rejects.toThrow(/No debit lines were read/);
    await expect(importStatement(support, { file: file("x"), account: "X", bank: "X", mapping })).rejects.toThrow();
  });
});
