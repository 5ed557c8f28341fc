// The dashboard in a real browser against the production build: data arrives through the
// real webhook endpoint first.
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { generateDemoMessages } from "../lib/demo/generate-payments";
import { EXAMPLES, exampleText, exampleVariant, sendWebhook, serverDatabaseKind, ROLE_STATE } from "./support";

// Finance: browses the list and sees raw deliveries.
test.use({ storageState: ROLE_STATE.finance });

const ARTIFACTS = `e2e-artifacts/${serverDatabaseKind()}`;
const CLEAR_ACCOUNT = "50100123457305";
const NEFT = { objectId: "PMTdqnE4yJHCBkEuT8ACAgLDPbcZ4bAyPkU", utr: "HDFCN52025071463819274" };
const IMPS_FAILED_UTR = "519616204815";

const send = sendWebhook;
const variant = (utr: string, objectId: string, mutate?: (b: any) => void) => exampleVariant(objectId, utr, mutate);

test.beforeAll(async ({ request }) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const name of EXAMPLES) expect([200]).toContain(await send(request, exampleText(name)));
  let sent = 0;
  for (const message of generateDemoMessages(70, 3, 99)) {
    if (message.kind === "new") sent++;
    await send(request, message.text);
  }
  expect(sent).toBe(70);
  expect(await send(request, variant("E2EPART0001", "PMTe2ePartialOne00000000000000000001"))).toBe(200);
  expect(await send(request, variant("E2EPART0002", "PMTe2ePartialTwo00000000000000000002"))).toBe(200);
  expect(await send(request, variant("E2EUNMASKED1", "PMTe2eUnmaskedAccount000000000000001", (b) => {
    b.payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber = CLEAR_ACCOUNT;
  }))).toBe(200);
  expect(await send(request, variant("E2EREJECTED1", "PMTe2eRejected0000000000000000000001", (b) => {
    b.payment.paymentAmount.totalAmount = "23600.00";
    b.payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber = CLEAR_ACCOUNT;
  }))).toBe(422);
});

test("the list shows payments with ₹ in Indian grouping and times in IST", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/overview$/);
  await page.goto(`/payments?from=2025-07-14&to=2025-07-14`);
  const row = page.locator("tbody tr", { hasText: NEFT.utr });
  await expect(row).toContainText("₹1,77,000.00");
  await expect(row).toContainText("14 Jul 2025, 11:32:08");
  await expect(row).toContainText("SHREE GANESH TRADERS");
  await expect(page.getByRole("link", { name: NEFT.utr })).toHaveAttribute("href", `/payments/${NEFT.objectId}`);
  await page.goto("/payments");
  await page.screenshot({ path: `${ARTIFACTS}/payments-list.png`, fullPage: true });
});

test("the failure filter shows only failures, with their count and amount", async ({ page }) => {
  await page.goto("/payments");
  await page.getByLabel("Result").selectOption("failure");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/result=failure/);
  const rows = page.locator('[data-testid="payments-table"] tbody tr');
  // The URL changes before the filtered rows stream in: wait until the table holds failures only.
  await expect(page.locator("tbody tr", { hasText: IMPS_FAILED_UTR })).toBeVisible();
  await expect(page.locator('[data-testid="payments-table"] tbody tr:not([data-failed])')).toHaveCount(0);
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  await expect(page.locator('[data-testid="payments-table"] tbody tr[data-failed]')).toHaveCount(count);
  for (let i = 0; i < count; i++) await expect(rows.nth(i)).toContainText("Failed");
  await expect(page.getByTestId("summary-failure-count")).toHaveText(String(count));
  await expect(page.locator("tbody tr", { hasText: IMPS_FAILED_UTR })).toContainText("E2003");
});

test("sorting and paging live in the URL and survive reload and the back button", async ({ page }) => {
  await page.goto("/payments?size=25");
  const amountHeader = page.getByRole("columnheader", { name: /Amount/ });
  await expect(amountHeader).toHaveAttribute("aria-sort", "none");
  await page.getByRole("button", { name: /Amount/ }).focus();
  await page.keyboard.press("Enter");
  // The canonical URL: descending is the default, so it is left out.
  await expect(page).toHaveURL(/\/payments\?size=25&sort=amount$/);
  await expect(amountHeader).toHaveAttribute("aria-sort", "descending");
  const firstAmount = await page.locator("tbody tr").first().getByTestId("row-amount").innerText();

  await page.getByRole("link", { name: "Next ›" }).click();
  await expect(page).toHaveURL(/page=2/);
  // A keyset link: the page continues from the last row of page 1, at any depth.
  await expect(page).toHaveURL(/[?&]after=\d+_\d+/);
  await page.reload();
  await expect(page).toHaveURL(/sort=amount.*page=2|page=2.*sort=amount/);
  await expect(page.getByRole("columnheader", { name: /Amount/ })).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByText(/page 2 of/)).toBeVisible();

  await page.goBack();
  await expect(page).not.toHaveURL(/page=2/);
  await expect(page.locator("tbody tr").first().getByTestId("row-amount")).toHaveText(firstAmount);

  await page.getByRole("link", { name: "Last »" }).click();
  await expect(page).toHaveURL(/page=\d+/);
  await expect(page.locator("tbody tr").last()).toBeVisible();
});

test("the detail page shows invoices, splits and masked bank details", async ({ page }) => {
  await page.goto(`/payments/${NEFT.objectId}`);
  await expect(page.getByTestId("total-amount")).toHaveText("₹1,77,000.00");
  await expect(page.getByText("SGT/2025-26/0412", { exact: true })).toBeVisible();
  await expect(page.getByText("SGT/2025-26/0419", { exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "CREDIT_NOTE" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "₹5,900.00" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "TDS/194C/2025-26/0087" })).toBeVisible();
  await expect(page.getByTestId("masked-account").first()).toHaveText("XXXXXXXX7305");
  await expect(page.getByText("HDFC0001234", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("payment-time")).toHaveText("14 Jul 2025, 11:32:08 IST");
  await expect(page.getByTestId("delivery-history")).toContainText("accepted");
  await page.screenshot({ path: `${ARTIFACTS}/payment-detail.png`, fullPage: true });

  await page.getByRole("link", { name: "Every delivery that named this payment" }).click();
  await expect(page.getByTestId("delivery-payment-filter")).toContainText(NEFT.objectId);
  const rows = page.locator('[data-testid="deliveries-table"] tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row).toContainText(NEFT.objectId);
});

test("a failed payment's page carries a failure banner in plain words", async ({ page }) => {
  await page.goto(`/payments?utr=${IMPS_FAILED_UTR}`);
  const banner = page.getByTestId("failure-banner");
  await expect(banner).toContainText("error E2003");
  await expect(banner).toContainText("Invoice version mismatch");
  await expect(banner).toContainText("Invoice 1 › object version › current version");
});

async function searchFromHeader(page: Page, text: string) {
  await page.goto("/deliveries");
  await page.getByRole("searchbox", { name: "UTR", exact: true }).fill(text);
  await page.getByRole("button", { name: "Find" }).click();
}

test("UTR search finds a payment by exact, lower-case, space-padded and partial UTR", async ({ page }) => {
  for (const text of [NEFT.utr, NEFT.utr.toLowerCase(), `   ${NEFT.utr}  `]) {
    await searchFromHeader(page, text);
    await expect(page).toHaveURL(new RegExp(`/payments/${NEFT.objectId}$`));
  }
  await page.goto(`/payments?utr=${encodeURIComponent(" e2epart ")}`);
  const candidates = page.getByTestId("utr-candidates");
  await expect(candidates).toContainText("E2EPART0001");
  await expect(candidates).toContainText("E2EPART0002");
  await page.screenshot({ path: `${ARTIFACTS}/utr-search.png`, fullPage: true });
  await candidates.getByRole("link", { name: "E2EPART0002" }).click();
  await expect(page).toHaveURL(/PMTe2ePartialTwo/);
});

test("an exact UTR match is a real HTTP redirect to the payment", async ({ request }) => {
  const response = await request.get(`/payments?utr=${NEFT.utr}`, { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toBe(`/payments/${NEFT.objectId}`);
});

test("an unknown UTR says plainly that nothing was found and points to the delivery log", async ({ page }) => {
  await searchFromHeader(page, "NOSUCHUTR999");
  await expect(page.getByText("No payment found with UTR “NOSUCHUTR999”")).toBeVisible();
  await expect(page.getByRole("link", { name: "delivery log", exact: true })).toBeVisible();
});

test("a UTR that only arrived in a rejected delivery leads to that delivery", async ({ page }) => {
  await page.goto("/payments?utr=E2EREJECTED1");
  await expect(page.getByText(/these deliveries carried this UTR/)).toBeVisible();
  await page.getByRole("link", { name: /Delivery #/ }).first().click();
  await expect(page.getByTestId("raw-body")).toContainText("E2EREJECTED1");
});

test("bulk lookup reports found, failed and not found, each linked", async ({ page }) => {
  await page.goto("/payments/lookup");
  await page.getByLabel("UTRs").fill(`${NEFT.utr}\n${IMPS_FAILED_UTR}, NOPE-404\n  ${NEFT.utr.toLowerCase()} `);
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page).toHaveURL(/\/payments\/lookup\?utrs=/);
  const results = page.getByTestId("lookup-results");
  await expect(results.locator("tbody tr")).toHaveCount(3);
  await expect(results.locator('tr[data-status="found"]')).toContainText(NEFT.utr);
  await expect(results.locator('tr[data-status="failed"]')).toContainText(IMPS_FAILED_UTR);
  await expect(results.locator('tr[data-status="not-found"]')).toContainText("NOPE-404");
  await expect(page.getByTestId("lookup-counts")).toHaveText("1 found · 1 failed · 1 not found · 1 repeated UTR merged");
  await results.locator('tr[data-status="found"]').getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(NEFT.objectId));
});

test("the delivery log shows a rejected delivery with its reason", async ({ page }) => {
  await page.goto("/deliveries?outcome=rejected");
  const row = page.locator('tr[data-outcome="rejected"]', { hasText: "PMTe2eRejected" }).first();
  await expect(row).toContainText("422");
  await expect(row).toContainText("payment.paymentAmount.totalAmount");
});

test("no full account number ever reaches the browser", async ({ page }) => {
  const pages = [
    "/payments",
    "/payments?utr=E2EUNMASKED1",
    "/payments/PMTe2eUnmaskedAccount000000000000001",
    "/payments?utr=E2EREJECTED1",
    "/payments/lookup?utrs=E2EUNMASKED1",
    "/deliveries",
    "/deliveries?outcome=rejected",
  ];
  const deliveryLinks = new Set<string>();
  for (const url of pages) {
    await page.goto(url);
    const html = await page.content();
    expect(html, url).not.toContain(CLEAR_ACCOUNT);
    expect(html, url).not.toContain(CLEAR_ACCOUNT.slice(0, 10));
    for (const href of await page.locator('a[href^="/deliveries/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!))) deliveryLinks.add(href);
  }
  await page.goto("/payments/PMTe2eUnmaskedAccount000000000000001");
  await expect(page.getByTestId("masked-account")).toHaveText("XXXXXXXXXX7305");
  expect(deliveryLinks.size).toBeGreaterThan(1);
  for (const href of deliveryLinks) {
    const response = await page.goto(href);
    const body = await response!.text();
    expect(body, href).not.toContain(CLEAR_ACCOUNT);
    expect(await page.content(), href).not.toContain(CLEAR_ACCOUNT);
  }
});

test("a payment whose id holds URL characters opens from search, with the right id and title", async ({ page, request }) => {
  const odd = "PMT odd%41/id?x#1";
  expect(await send(request, variant("E2EODDID1", odd))).toBe(200);
  await page.goto("/payments?utr=E2EODDID1");
  await expect(page.getByText(odd, { exact: true })).toBeVisible();
  // The id is bidi-isolated (FSI … PDI) in the tab title, as on the page.
  await expect(page).toHaveTitle(`Payment \u2068${odd}\u2069 · Payments Desk`);
});

test("on a tablet the list keeps amount and result on screen, and the detail page fits", async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.goto("/payments?result=failure");
  const row = page.locator('[data-testid="payments-table"] tbody tr').first();
  for (const cell of [row.getByText("Failed"), row.locator("td").nth(5)]) {
    await expect(cell).toBeVisible(); // the rows stream in under Suspense; boundingBox() does not wait
    const box = await cell.boundingBox();
    expect(box, "visible cell").not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(820);
  }
  await page.goto(`/payments/${NEFT.objectId}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
  await page.screenshot({ path: `${ARTIFACTS}/tablet-failures.png` });
});

test("an unknown payment id shows a not-found page", async ({ page }) => {
  const response = await page.goto("/payments/PMTdoesNotExist");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("No such payment")).toBeVisible();
});
