// Reporting (issue 11), in Chromium against the production build, on SQLite and PostgreSQL: an
// export of a filtered view of 10,000 payments equals the list, formula-looking names are
// neutralised, support is refused, every export is audited; the overview's figures, top lists and
// chart bars lead to lists that show the same figures; saved views, personal and shared.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { exampleVariant, EXAMPLES, executeOnServer, queryServer, ROLE_STATE, sendWebhook, serverDatabaseKind } from "./support";

const RUN = String(parseInt(createHash("sha256").update(`09${process.env.E2E_DATABASE_URL ?? ""}`).digest("hex").slice(0, 8), 16) % 10_000_000).padStart(7, "0");
const BULK_MODE = `BULK${RUN}`;
const MATCHING = 10_000;
const OTHERS = 2_000;
const MIN_RUPEES = 10_000;
const FORMULA_NAME = `=HYPERLINK("http://evil.example","Pay ${RUN}")`;
const FORMULA_SUPPLIER = `FORMULASUP${RUN}`;
const BOUNDARY_SUPPLIER = `FYSUP${RUN}`;

/** Bulk rows straight into the server's database (10,000 webhooks would take minutes): a fixture for the export. */
async function seedBulkPayments() {
  const rows: string[] = [];
  for (let i = 0; i < MATCHING + OTHERS; i++) {
    // 2,000 below the minimum, the rest at or above it; odd paise everywhere.
    const paise = i < OTHERS ? 100_000 + ((i * 7919) % 899_999) : MIN_RUPEES * 100 + ((i * 104_729) % 50_000_000);
    const status = i % 10 === 0 ? "failure" : i % 17 === 0 ? "other" : "success";
    const result = status === "failure" ? "FAILURE" : status === "other" ? "PENDING" : "SUCCESS";
    const at = new Date(Date.UTC(2023, 5, 1) + i * 61_000).toISOString();
    const id = `PMTBULK${RUN}${String(i).padStart(6, "0")}`;
    rows.push(`('${id}', 'REQ${id}', '${result}', '${status}', '${status === "failure" ? "E2001" : ""}', '', '', 'BUYBULK${RUN}', 'SUPBULK${RUN}', 'Bulk Supplier ${i % 7}', '${at}', '${at}', true, '${at}', '${at}', 'VENDOR_PAYMENT', '${BULK_MODE}', 'UTRB${RUN}${i}', 'UTRB${RUN}${i}', 'INR', ${paise}, 0, ${paise}, 'INR', 0, '[]', 0, '${at}', '${at}', false, false)`);
  }
  for (let at = 0; at < rows.length; at += 1_000) {
    await executeOnServer(`INSERT INTO "Payment" ("objectId", "reqMsgId", "result", "status", "errorCd", "errorDtl", "errorField", "buyerB2BId", "supplierB2BId", "supplierName", "ts", "tsInstant", "tsTrusted", "stateReceivedAt", "occurredAt", "type", "mode", "utr", "utrNormalized", "currency", "netPaidPaise", "netAdjustmentPaise", "totalPaise", "amountCurrency", "invoiceCount", "warnings", "warningCount", "firstReceivedAt", "updatedAt", "hadFailure", "amountChanged") VALUES ${rows.slice(at, at + 1_000).join(", ")}`);
  }
}

const count = async (page: Page, testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/[^\d]/g, ""));
const auditCount = async () => Number((await queryServer<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "AuditEvent" WHERE "action" = 'payments.export'`))[0]!.n);

/** Clicks an export link and returns the downloaded file (kept in memory by the page: no save dialog here). */
async function download(page: Page, testId: string) {
  const downloading = page.waitForEvent("download", { timeout: 120_000 });
  await page.getByTestId(testId).click();
  const file = await downloading;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

test.describe.configure({ timeout: 240_000 });

test.beforeAll(async ({ request }) => {
  test.setTimeout(240_000);
  const [seeded] = await queryServer<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "Payment" WHERE "mode" = ?`, [BULK_MODE]);
  if (Number(seeded!.n) === 0) await seedBulkPayments();
  const hostile = exampleVariant(`PMTFORMULA${RUN}`, `UTRF${RUN}`, (body) => {
    body.b2bIds.supplierB2BId = FORMULA_SUPPLIER;
    body.payment.invoicesPayInfos[0].supplierBankAccountDetails.beneficiaryName = FORMULA_NAME;
  });
  expect(await sendWebhook(request, hostile)).toBe(200);
  // Either side of IST midnight at the financial year's turn (31 March / 1 April 2026).
  const boundary = [
    ["2026-03-31T23:59:59+05:30", "SUCCESS", ""], ["2026-04-01T00:00:00+05:30", "FAILURE", "E2001"], ["2026-04-01T00:00:01+05:30", "SUCCESS", ""],
    ["2026-03-31T18:29:59Z", "FAILURE", "E4010"], ["2026-03-31T18:30:00Z", "PENDING", ""],
  ] as const;
  for (const [i, [ts, result, errorCd]] of boundary.entries()) {
    const text = exampleVariant(`PMTFY${RUN}${i}`, `UTRFY${RUN}${i}`, (body) => {
      body.b2bIds.supplierB2BId = BOUNDARY_SUPPLIER;
      body.payment.ts = ts;
      body.resp.result = result;
      body.resp.errorCd = errorCd;
      body.resp.errorDtl = errorCd ? "Refused by the bank" : "";
    }, EXAMPLES[0]);
    expect(await sendWebhook(request, text)).toBe(200);
  }
  // A payment whose amounts do not add up, on a day of its own.
  const broken = exampleVariant(`PMTBROKEN${RUN}`, `UTRBR${RUN}`, (body) => {
    body.payment.ts = "2026-04-02T10:00:00+05:30";
    body.payment.paymentAmount.totalAmount += 1;
  }, EXAMPLES[0]);
  expect(await sendWebhook(request, broken)).toBe(200);
});

test.describe("export", () => {
  test.use({ storageState: ROLE_STATE.finance });

  test("a filtered view of 10,000 payments exports exactly its rows and the list's totals, as CSV and Excel", async ({ page }) => {
    await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
    await page.goto(`/payments?mode=${BULK_MODE}&min=${MIN_RUPEES}&sort=amount`);
    await expect(page.getByTestId("summary-note")).toContainText("10,000 payments in this view");
    const listed = (await page.getByTestId("summary-note").innerText()).match(/(₹[\d,]+\.\d{2}) in all/)![1]!;
    const settled = await count(page, "summary-success-count");
    const before = await auditCount();

    const csv = await download(page, "export-csv");
    expect(csv.name).toMatch(/^payments-all-filtered-\d{4}-\d{2}-\d{2}\.csv$/);
    await expect(page.getByTestId("export-message")).toContainText("10,000 rows");
    const rows = parse(csv.bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(MATCHING);
    expect(new Set(rows.map((r) => r["Payment objectId"])).size).toBe(MATCHING);
    expect(rows.every((r) => r.Mode === BULK_MODE && BigInt(r["Total (INR)"]!.replace(".", "")) >= BigInt(MIN_RUPEES * 100))).toBe(true);
    const paise = rows.reduce((sum, r) => sum + BigInt(r["Total (INR)"]!.replace(".", "")), 0n);
    expect(`₹${(Number(paise / 100n)).toLocaleString("en-IN")}.${String(paise % 100n).padStart(2, "0")}`).toBe(listed);
    expect(rows.filter((r) => r.Status === "Success")).toHaveLength(settled);
    // The view's order: largest first.
    const amounts = rows.map((r) => BigInt(r["Total (INR)"]!.replace(".", "")));
    expect(amounts.every((a, i) => i === 0 || amounts[i - 1]! >= a)).toBe(true);

    const xlsx = await download(page, "export-xlsx");
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.actualRowCount).toBe(1 + MATCHING);
    let cents = 0n;
    sheet.eachRow((row, n) => {
      if (n > 1) cents += BigInt(Math.round((row.getCell(10).value as number) * 100));
    });
    expect(cents).toBe(paise);
    expect(await auditCount()).toBe(before + 2);
  });

  test("a formula-looking supplier name is neutralised, invoices come a row each, support is refused", async ({ page, browser }) => {
    await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
    await page.goto(`/payments?supplier=${FORMULA_SUPPLIER}`);
    await expect(page).toHaveURL(new RegExp(`supplier=${FORMULA_SUPPLIER}`));
    const csv = parse((await download(page, "export-csv")).bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(1);
    expect(csv[0]!["Supplier name"]).toBe(`'${FORMULA_NAME}`);
    const invoices = parse((await download(page, "export-csv-invoices")).bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(invoices.map((r) => r.Row)).toEqual(["invoice"]);
    expect(invoices[0]!["Payment objectId"]).toBe(`PMTFORMULA${RUN}`);

    const theirs = await browser.newContext({ storageState: ROLE_STATE.support });
    for (const path of ["/payments/export.csv", "/payments/export.xlsx", "/payments/export.csv?level=invoices"]) {
      expect((await theirs.request.get(path)).status(), path).toBe(403);
    }
    await theirs.close();
  });

  test("every export is in the audit log", async ({ browser }) => {
    const admin = await browser.newContext({ storageState: ROLE_STATE.admin });
    const page = await admin.newPage();
    await page.goto("/admin/audit?action=payments.export");
    await expect(page.locator("tbody tr").first()).toContainText("payments.export");
    expect(await page.locator("tbody tr", { hasText: "payments.export" }).count()).toBeGreaterThanOrEqual(4);
    await admin.close();
  });
});

test.describe("overview", () => {
  test.use({ storageState: ROLE_STATE.finance });

  /** Opens a figure's link and checks the list shows the same count (and amount, where it has one). */
  async function expectListMatches(page: Page, href: string, expected: { count: number; amount?: string }) {
    await page.goto(href);
    await expect(page.getByTestId("summary-note")).toBeVisible();
    const note = await page.getByTestId("summary-note").innerText();
    expect(Number(note.match(/^([\d,]+) payments/)![1]!.replace(/,/g, "")), href).toBe(expected.count);
    if (expected.amount) expect(note, href).toContain(`${expected.amount} in all`);
  }

  test("finance lands on the overview; its figures equal the lists they open, across IST midnight and the FY boundary", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/overview$/);
    for (const range of [{ from: "2026-03-31", to: "2026-03-31" }, { from: "2026-04-01", to: "2026-04-01" }, { from: "2026-03-31", to: "2026-04-01" }]) {
      await page.goto(`/overview?from=${range.from}&to=${range.to}`);
      const figures: { href: string; count: number; amount: string }[] = [];
      for (const id of ["figure-all", "figure-success", "figure-failure", "figure-other"]) {
        const card = page.getByTestId(id);
        figures.push({ href: (await card.getAttribute("href"))!, count: await count(page, `${id}-count`), amount: await page.getByTestId(`${id}-amount`).innerText() });
      }
      const topCodes = await page.getByTestId("top-error-codes").locator("a").evaluateAll((links) => links.map((a) => ({ href: a.getAttribute("href")!, count: Number(a.parentElement!.querySelector("span.block")!.textContent!.replace(/,/g, "").match(/^(\d+)/)![1]) })));
      await expect(page.getByTestId("top-suppliers")).toBeVisible();
      const topSupplier = await page.getByTestId("top-supplier-amount").first();
      const top = { href: (await topSupplier.getAttribute("href"))!, text: await topSupplier.innerText() };
      for (const f of figures) await expectListMatches(page, f.href, f);
      for (const c of topCodes) await expectListMatches(page, c.href, c);
      const [amount, n] = [top.text.match(/^(₹[\d,.]+)/)![1]!, Number(top.text.match(/\(([\d,]+)\)/)![1]!.replace(/,/g, ""))];
      await expectListMatches(page, top.href, { count: n, amount });
    }
    // The boundary itself: 31 March holds 23:59:59 IST and 18:29:59Z; 1 April the other three.
    await page.goto(`/payments?supplier=${BOUNDARY_SUPPLIER}&from=2026-03-31&to=2026-03-31`);
    await expect(page.getByTestId("summary-note")).toContainText("2 payments in this view");
    await page.goto(`/payments?supplier=${BOUNDARY_SUPPLIER}&from=2026-04-01&to=2026-04-01`);
    await expect(page.getByTestId("summary-note")).toContainText("3 payments in this view");
  });

  test("a chart bar opens that day's list, which matches the chart's table; the chart fits a phone", async ({ page }) => {
    await page.goto("/overview?from=2026-04-01&to=2026-04-01");
    const chart = page.getByTestId("daily-chart");
    await page.getByText("The chart as a table").click();
    // Its rows are drawn when it opens.
    await expect(page.getByTestId("day-table").locator("tbody tr").first()).toBeVisible();
    const cells = await page.getByTestId("day-table").locator("tbody tr").first().locator("td").allInnerTexts();
    const expected = [1, 2, 3].reduce((n, i) => n + Number(cells[i]!.replace(/,/g, "")), 0);
    // One day, one stacked bar: its settled part opens the day's list.
    await chart.locator(".recharts-bar-rectangle path").first().click();
    await expect(page).toHaveURL(/\/payments\?from=2026-04-01&to=2026-04-01$/);
    await expect(page.getByTestId("summary-note")).toContainText(`${expected.toLocaleString("en-IN")} payments in this view`);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/overview?period=fy");
    await expect(page.getByTestId("daily-chart").locator("svg").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `e2e-artifacts/${serverDatabaseKind()}/phone-overview.png`, fullPage: true });
  });

  test("payments whose amounts do not add up are counted, listed, and explained on their page", async ({ page }) => {
    await page.goto("/overview?from=2026-04-02&to=2026-04-02");
    const line = page.getByTestId("figure-integrity");
    await expect(line).toContainText("whose amounts do not add up");
    const n = Number((await line.innerText()).match(/✕ ([\d,]+) payment/)![1]!.replace(/,/g, ""));
    await line.getByRole("link").click();
    await expect(page).toHaveURL(/integrity=1/);
    await expect(page.getByTestId("summary-note")).toContainText(`${n.toLocaleString("en-IN")} payment`);
    await expect(page.getByLabel("Amounts do not add up")).toBeChecked();
    await page.goto(`/payments/PMTBROKEN${RUN}`);
    await expect(page.getByTestId("integrity-verdict")).toContainText("do not add up");
    await expect(page.getByTestId("integrity").locator("tr[data-ok=false]").first()).toContainText("₹1,77,001.00");
  });

  test("an unreadable custom range is explained, not guessed", async ({ page }) => {
    await page.goto("/overview?from=2026-02-30&to=2026-03-01");
    await expect(page.getByTestId("period-error")).toContainText("From is not a real calendar date");
  });
});

test.describe("saved views", () => {
  test.use({ storageState: ROLE_STATE.finance });

  test("finance saves a personal and a shared view; admin sees only the shared one and opens it", async ({ page, browser }) => {
    const name = (s: string) => `${s} ${RUN}`;
    for (const [label, query, shared] of [["My failures", "result=failure", false], ["Team bulk", `mode=${BULK_MODE}&min=${MIN_RUPEES}`, true]] as const) {
      await page.goto(`/payments?${query}`);
      await page.getByTestId("saved-views").locator("summary").click();
      const form = page.getByTestId("save-view");
      await form.getByLabel("Save these filters as").fill(name(label));
      if (shared) await form.getByLabel("Share with the team").check();
      await form.getByRole("button", { name: "Save view" }).click();
      await expect(form.getByRole("status")).toContainText(`Saved “${name(label)}”`);
    }
    await page.goto("/payments");
    await page.getByTestId("saved-views").locator("summary").click();
    await page.getByRole("link", { name: name("My failures") }).click();
    await expect(page).toHaveURL(/\/payments\?result=failure$/);

    const admin = await browser.newContext({ storageState: ROLE_STATE.admin });
    const theirs = await admin.newPage();
    await theirs.goto("/payments");
    await theirs.getByTestId("saved-views").locator("summary").click();
    await expect(theirs.getByRole("link", { name: name("My failures") })).toHaveCount(0);
    await theirs.getByRole("link", { name: name("Team bulk") }).click();
    await expect(theirs.getByTestId("summary-note")).toContainText("10,000 payments in this view");
    await admin.close();
  });
});
