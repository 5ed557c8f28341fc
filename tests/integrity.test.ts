// A payment's arithmetic on its page (issue 12, first part): every rule, with expected and actual
// amounts, over every invoice of a payment (not just the page shown), and what cannot be checked.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getOverview } from "@/lib/overview/overview";
import { readPeriodQuery } from "@/lib/overview/periods";
import { getPaymentByObjectId } from "@/lib/payments/get-payment";
import { parseListParams } from "@/lib/payments/list-params";
import { listPayments } from "@/lib/payments/list-payments";
import { hasIntegrityIssue } from "@/lib/payments/integrity";
import { bigPayment } from "./support/big-payment";
import { migrationBackfill } from "./support/migrations";
import { freshPayment, postWebhook } from "./support/webhook";
import { finance } from "./support/viewers";

async function integrityOf(body: Record<string, any>) {
  expect((await postWebhook(body)).status).toBe(200);
  return (await getPaymentByObjectId(finance, body.payment.objectId))!.integrity;
}

const failing = (i: Awaited<ReturnType<typeof integrityOf>>) => i.checks.filter((c) => !c.ok).map((c) => [c.rule, c.scope, c.what, c.expected, c.actual]);

describe("payment integrity", () => {
  it("finds nothing wrong in a payment whose amounts add up, and says what it checked", async () => {
    const integrity = await integrityOf(freshPayment());
    expect(hasIntegrityIssue(integrity)).toBe(false);
    expect(integrity.notChecked).toEqual([]);
    expect(integrity.checks.map((c) => [c.rule, c.scope, c.what])).toEqual([
      ["paid-plus-adjustment", "Payment", "Total"],
      ["invoices-sum", "Payment", "Net paid"],
      ["invoices-sum", "Payment", "Adjustment"],
      ["invoices-sum", "Payment", "Total"],
      ["currency", "Payment", "Payment currency"],
      ["currency", "Payment", "Payment amount currency"],
      ["currency", "Payment", "Invoice currency (2 invoices)"],
      ["currency", "Payment", "Invoice payment currency (2 invoices)"],
    ]);
    expect(integrity.checks.find((c) => c.rule === "invoices-sum" && c.what === "Total")).toMatchObject({ expected: 17_700_000n, actual: 17_700_000n });
  });

  it("shows each broken rule with what was expected and what the message said", async () => {
    const body = freshPayment();
    body.payment.paymentAmount.totalAmount = 177_000.5; // paid + adjustment is 177,000.00
    const second = body.payment.invoicesPayInfos[1];
    second.invoicePaymentAmount.netPaidAmount = 52_000; // 52,000 + 6,800 ≠ 59,000; and the invoices no longer add up
    second.invoicePaymentAmount.splits[1].value = 800; // 5,900 + 800 ≠ 6,800
    second.invoiceAmount.currency = "USD";
    const integrity = await integrityOf(body);
    expect(hasIntegrityIssue(integrity)).toBe(true);
    expect(failing(integrity)).toEqual([
      ["paid-plus-adjustment", "Payment", "Total", 17_700_000n, 17_700_050n],
      ["invoices-sum", "Payment", "Net paid", 16_820_000n, 16_800_000n],
      ["invoices-sum", "Payment", "Total", 17_700_050n, 17_700_000n],
      ["paid-plus-adjustment", "Invoice 2", "Total", 5_880_000n, 5_900_000n],
      ["splits-sum", "Invoice 2", "Adjustment", 680_000n, 670_000n],
      ["currency", "Payment", "Invoice currency (1 invoice)", "INR", "USD"],
    ]);
  });

  it("checks every invoice of a large payment, listing 20 and counting the rest", async () => {
    const body = bigPayment(1_203, 1);
    for (const i of [5, 150, 151, 400, 700, 1_100, ...Array.from({ length: 19 }, (_, k) => 1_180 + k)]) {
      body.payment.invoicesPayInfos[i].invoicePaymentAmount.totalAmount += 1;
    }
    const integrity = await integrityOf(body);
    const invoices = integrity.checks.filter((c) => c.rule === "paid-plus-adjustment" && c.scope !== "Payment");
    expect(invoices).toHaveLength(20);
    expect(invoices[0]).toMatchObject({ scope: "Invoice 6", ok: false });
    expect(integrity.moreFailures).toBe(25 - 20);
  });

  it("says what it could not check", async () => {
    const body = freshPayment();
    delete body.payment.invoicesPayInfos[0].invoicePaymentAmount;
    const integrity = await integrityOf(body);
    expect(integrity.notChecked).toEqual(["1 of 2 invoices carry no payment amount: their sums cannot be compared with the payment."]);
    expect(integrity.checks.some((c) => c.rule === "invoices-sum")).toBe(false);
  });

  it("flags the payment for the list's filter and the overview's count, and the migration agrees", async () => {
    const broken = freshPayment();
    broken.payment.paymentAmount.totalAmount = 1; // neither paid + adjustment nor the invoices' sum
    const fine = freshPayment();
    await integrityOf(broken);
    await integrityOf(fine);
    const flagged = await listPayments(finance, parseListParams({ integrity: "1", size: "100" }));
    const ids = flagged.rows.map((r) => r.objectId);
    expect(ids).toContain(broken.payment.objectId);
    expect(ids).not.toContain(fine.payment.objectId);
    // Every payment the page calls broken is in the filter, and no other.
    for (const row of (await listPayments(finance, parseListParams({ size: "100" }))).rows) {
      const page = (await getPaymentByObjectId(finance, row.objectId))!;
      const amountsWrong = page.integrity.checks.some((c) => !c.ok) || page.integrity.moreFailures > 0;
      expect(ids.includes(row.objectId), row.objectId).toBe(amountsWrong);
    }
    const day = "2025-07-14";
    const overview = await getOverview(finance, readPeriodQuery({ from: day, to: day }).period);
    const listed = await listPayments(finance, parseListParams(Object.fromEntries(new URLSearchParams(overview.integrityIssues.href.split("?")[1]))));
    expect([overview.integrityIssues.count, overview.integrityIssues.amount]).toEqual([listed.total, listed.all.amount]);
    expect(overview.integrityIssues.count).toBeGreaterThan(0);

    // The migration's backfill, run again on cleared counts, flags the same payments.
    const before = await prisma.payment.findMany({ select: { id: true, integrityIssueCount: true }, orderBy: { id: "asc" } });
    const backfill = migrationBackfill("integrity_issue_count");
    await prisma.payment.updateMany({ data: { integrityIssueCount: 0 } });
    await prisma.$executeRawUnsafe(backfill);
    const after = await prisma.payment.findMany({ select: { id: true, integrityIssueCount: true }, orderBy: { id: "asc" } });
    expect(after.map((p) => p.integrityIssueCount > 0)).toEqual(before.map((p) => p.integrityIssueCount > 0));
  });
});
