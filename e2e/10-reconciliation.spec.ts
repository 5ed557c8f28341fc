// Reconciliation in Chromium (issue 12): upload a bank statement whose columns must be mapped by
// hand, see it matched, accept a suggestion, export the result; the bank remembers its mapping.
// Also the signals a finance person meets: an invoice paid twice and a supplier's answer.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "@playwright/test";
import { EXAMPLES, exampleVariant, queryServer, ROLE_STATE, sendWebhook } from "./support";

const RUN = String(parseInt(createHash("sha256").update(`10${process.env.E2E_DATABASE_URL ?? ""}`).digest("hex").slice(0, 8), 16) % 10_000_000).padStart(7, "0");
const BANK = `Co-op Bank ${RUN}`;
const ACCOUNT = `Co-op current ••${RUN.slice(-4)}`;

/** Payments on 10–12 February 2021, away from every other spec's days. */
const PAYMENTS = {
  byUtr: { id: `PMTRECA${RUN}`, utr: `HDFCN5${RUN}000001`, rupees: 12_345.67, ts: "2021-02-10T11:00:00+05:30", result: "SUCCESS" },
  suggested: { id: `PMTRECB${RUN}`, utr: `HDFCN5${RUN}000002`, rupees: 23_456.78, ts: "2021-02-11T11:00:00+05:30", result: "SUCCESS" },
  failedButDebited: { id: `PMTRECC${RUN}`, utr: `50${RUN}0003`, rupees: 34_567.89, ts: "2021-02-12T11:00:00+05:30", result: "FAILURE" },
} as const;

function statementCsv(): string {
  return [
    "Co-operative Bank statement",
    `Customer: ACME POLYMERS, A/c XXXXXXXX${RUN.slice(-4)}`,
    "Posted On,Details,Cheque/Ref,Money Out,Money In,Running Balance",
    `10-02-2021,NEFT/${PAYMENTS.byUtr.utr}/NILGIRI PACKAGING,,"12,345.67",,"5,00,000.00"`,
    `11-02-2021,BULK UPLOAD 77,,"23,456.78",,"4,76,543.22"`,
    `12-02-2021,IMPS-${PAYMENTS.failedButDebited.utr}-NILGIRI,,"34,567.89",,"4,41,975.33"`,
    `12-02-2021,SMS CHARGES,,17.70,,"4,41,957.63"`,
    `12-02-2021,INTEREST,,,"1,200.00","4,43,157.63"`,
  ].join("\n");
}

async function upload(page: Page) {
  await page.goto("/statements");
  await page.getByTestId("upload-statement").click();
  await page.getByTestId("statement-file").setInputFiles({ name: `coop-feb-2021-${RUN}.csv`, mimeType: "text/csv", buffer: Buffer.from(statementCsv()) });
  await page.getByTestId("statement-account").fill(ACCOUNT);
  await page.getByTestId("statement-bank").fill(BANK);
  await page.getByTestId("statement-read").click();
  await expect(page.getByTestId("statement-mapping")).toBeVisible();
}

test.beforeAll(async ({ request }) => {
  for (const p of Object.values(PAYMENTS)) {
    const text = exampleVariant(p.id, p.utr, (body) => {
      body.payment.ts = p.ts;
      body.resp.result = p.result;
      body.resp.errorCd = p.result === "FAILURE" ? "E2001" : "";
      body.resp.errorDtl = p.result === "FAILURE" ? "Beneficiary bank did not respond" : "";
      body.payment.paymentAmount = { netPaidAmount: p.rupees, netAdjustmentAmount: 0, totalAmount: p.rupees, currency: "INR" };
      body.payment.invoicesPayInfos[0].objectId = `INVREC${p.id}`;
      body.payment.invoicesPayInfos[0].supplierInvoiceNumber = `REC/${p.id}`;
    }, EXAMPLES[2]);
    expect(await sendWebhook(request, text)).toBe(200);
  }
});

test.describe("bank statements", () => {
  test.use({ storageState: ROLE_STATE.finance });

  test("upload, map the columns, accept a suggestion, export; the bank's mapping is remembered", async ({ page }) => {
    await upload(page);
    await expect(page.getByTestId("mapping-source")).toContainText("could not be guessed");
    // The header row is the third; its columns are named nothing a bank usually calls them.
    await page.getByTestId("map-header-row").selectOption("2");
    await page.getByTestId("map-date").selectOption({ label: "Posted On" });
    await page.getByTestId("map-date-format").selectOption("DD-MM-YYYY");
    await page.getByTestId("map-narration").selectOption({ label: "Details" });
    await page.getByTestId("map-reference").selectOption({ label: "Cheque/Ref" });
    await page.getByTestId("map-amount-style").selectOption("debit-column");
    await page.getByTestId("map-amount").selectOption({ label: "Money Out" });
    await expect(page.getByTestId("statement-preview")).toContainText("BULK UPLOAD 77");
    // The customer's account number, above the header, is masked in the preview.
    await expect(page.getByTestId("statement-mapping")).not.toContainText(`XXXXXXXX${RUN.slice(-4)}0`);
    await page.getByTestId("statement-import").click();

    await expect(page).toHaveURL(/\/statements\/\d+$/, { timeout: 30_000 });
    const statementUrl = page.url();
    await expect(page.getByTestId("count-failed-debited")).toHaveText("1");
    await expect(page.getByTestId("count-suggested")).toHaveText("1");
    await expect(page.getByTestId("count-unmatched")).toHaveText("1");
    await expect(page.getByTestId("count-matched")).toHaveText("1");
    await expect(page.getByTestId("lines-failed-debited")).toContainText(PAYMENTS.failedButDebited.id);
    await expect(page.getByTestId("lines-suggested")).toContainText(PAYMENTS.suggested.id);

    await page.getByTestId("lines-suggested").getByRole("button", { name: "Accept" }).click();
    // The page is rendered again at once: the line has moved to the matched ones.
    await expect(page.getByTestId("count-suggested")).toHaveText("0");
    await page.reload();
    await expect(page.getByTestId("count-suggested")).toHaveText("0");
    await expect(page.getByTestId("count-matched")).toHaveText("2");
    await expect(page.getByTestId("lines-matched")).toContainText(PAYMENTS.suggested.id);

    const downloading = page.waitForEvent("download");
    await page.getByTestId("statement-export").click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/^statement-Co-op-current-\d{4}-2021-02-10-to-2021-02-12\.csv$/);
    const rows = parse(readFileSync((await file.path())!), { columns: true }) as Record<string, string>[];
    const bySection = (s: string) => rows.filter((r) => r.section === s);
    expect(bySection("failed-debited").map((r) => [r.payment, r.debit])).toEqual([[PAYMENTS.failedButDebited.id, "34567.89"]]);
    expect(bySection("matched").map((r) => r.payment).sort()).toEqual([PAYMENTS.byUtr.id, PAYMENTS.suggested.id].sort());
    expect(bySection("matched").find((r) => r.payment === PAYMENTS.suggested.id)!.matched_by).toBe("accepted");
    expect(bySection("unmatched").map((r) => r.narration)).toEqual(["SMS CHARGES"]);
    const audited = await queryServer<{ action: string }>(`SELECT "action" FROM "AuditEvent" WHERE "action" LIKE 'statement.%' AND "actorEmail" = ?`, ["finance@e2e.payments-desk.test"]);
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(["statement.upload", "statement.accept", "statement.export"]));

    // The same statement again: the bank's columns are remembered and nothing is added twice.
    await upload(page);
    await expect(page.getByTestId("mapping-source")).toContainText("you confirmed for this bank last time");
    await page.getByTestId("statement-import").click();
    await expect(page).toHaveURL(/\/statements\/\d+$/, { timeout: 30_000 });
    expect(page.url()).not.toBe(statementUrl);
    await expect(page.getByTestId("count-matched")).toHaveText("2");
    await expect(page.getByTestId("statement-uploads")).toContainText("0 new of 4 debits");
  });
});

test.describe("signals", () => {
  test.use({ storageState: ROLE_STATE.finance });

  test("an invoice paid twice is flagged on both payments and listed with what is at stake", async ({ page, request }) => {
    const invoice = `INVTWICE${RUN}`;
    for (const n of [1, 2]) {
      const text = exampleVariant(`PMTTWICE${RUN}${n}`, `UTRTWICE${RUN}${n}`, (body) => {
        body.payment.ts = `2021-03-0${n}T10:00:00+05:30`;
        body.payment.invoicesPayInfos[0].objectId = invoice;
        body.payment.invoicesPayInfos[0].supplierInvoiceNumber = `TWICE/${RUN}`;
      }, EXAMPLES[2]);
      expect(await sendWebhook(request, text)).toBe(200);
    }
    await page.goto(`/payments/PMTTWICE${RUN}1`);
    await expect(page.getByTestId("payment-signals")).toContainText("Invoice paid more than once");
    await page.getByTestId("payment-signals").getByRole("link", { name: "Invoice paid more than once" }).click();
    await expect(page.getByTestId("duplicate-holders")).toContainText(`PMTTWICE${RUN}2`);
    await expect(page.getByTestId("at-stake")).toContainText("₹47,200.00");
    await page.getByLabel("What did you find?").fill("Paid twice by mistake: recovery requested from the supplier");
    await page.getByRole("button", { name: "Mark reviewed" }).click();
    // The page is rendered again at once, with the review in place of the form.
    await expect(page.getByTestId("review")).toContainText("Paid twice by mistake: recovery requested from the supplier");
    await page.goto(`/invoices?q=${invoice}`);
    await expect(page.getByTestId("invoice-hits").getByTestId("invoice-history")).toHaveCount(2);
  });
});
