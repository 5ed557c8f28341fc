// What the screen says can be trusted: times after midnight IST, results that are neither success
// nor failure, and no page showing more than the last four digits of an account number, whatever
// shape it arrived in.
import { expect, test } from "@playwright/test";
import { ACCOUNT_SHAPES, ACCOUNTS, leakedDigits } from "../tests/support/account-shapes";
import { exampleVariant, sendWebhook, serverDatabaseKind, ROLE_STATE } from "./support";

// Finance: browses the list and sees raw deliveries.
test.use({ storageState: ROLE_STATE.finance });

const ARTIFACTS = `e2e-artifacts/${serverDatabaseKind()}`;

const send = sendWebhook;
const variant = exampleVariant;

const AFTER_MIDNIGHT = { objectId: "PMTtrustAfterMidnight0000000000000001", utr: "TRUSTMIDNIGHT1" };
const SEPTEMBER = { objectId: "PMTtrustSeptember00000000000000000001", utr: "TRUSTSEPT1" };
const PENDING = { objectId: "PMTtrustPending0000000000000000000001", utr: "TRUSTPENDING1" };
const shapeId = (i: number) => `PMTtrustShape${String(i).padStart(22, "0")}`;

test.beforeAll(async ({ request }) => {
  expect(await send(request, variant(AFTER_MIDNIGHT.objectId, AFTER_MIDNIGHT.utr, (b) => (b.payment.ts = "2025-08-05T00:15:00+05:30")))).toBe(200);
  expect(await send(request, variant(SEPTEMBER.objectId, SEPTEMBER.utr, (b) => (b.payment.ts = "2025-09-14T00:05:09+05:30")))).toBe(200);
  expect(await send(request, variant(PENDING.objectId, PENDING.utr, (b) => {
    b.payment.ts = "2025-08-05T10:00:00+05:30";
    b.resp.result = "PENDING";
  }))).toBe(200);
  // Every account-number shape, each as its own payment (or rejected delivery), with a header too.
  for (const [i, [, text]] of ACCOUNT_SHAPES.entries()) {
    const fresh = text.replaceAll("PMTdqnE4yJHCBkEuT8ACAgLDPbcZ4bAyPkU", shapeId(i)).replaceAll("HDFCN52025071463819274", `TRUSTSHAPE${i}`);
    expect(await send(request, fresh, { "x-request-id": `acct ${ACCOUNTS[2]}` })).toBeLessThan(500);
  }
});

test("a payment at 00:15 IST shows 00:15, in the list and on its page, and September is Sep", async ({ page }) => {
  await page.goto("/payments?from=2025-08-05&to=2025-08-05");
  const row = page.locator("tbody tr", { hasText: AFTER_MIDNIGHT.utr });
  await expect(row).toContainText("05 Aug 2025, 00:15:00");
  await expect(page.locator("body")).not.toContainText("24:15");
  await page.goto(`/payments/${AFTER_MIDNIGHT.objectId}`);
  await expect(page.getByTestId("payment-time")).toHaveText("05 Aug 2025, 00:15:00 IST");
  await page.goto(`/payments/${SEPTEMBER.objectId}`);
  await expect(page.getByTestId("payment-time")).toHaveText("14 Sep 2025, 00:05:09 IST");
  await page.goto("/payments?from=2025-09-14&to=2025-09-14");
  await expect(page.locator("tbody tr", { hasText: SEPTEMBER.utr })).toContainText("14 Sep 2025, 00:05:09");
});

test("a PENDING payment is shown as PENDING on a neutral badge and counted on its own", async ({ page }) => {
  await page.goto("/payments?from=2025-08-05&to=2025-08-05");
  const row = page.locator("tbody tr", { hasText: PENDING.utr });
  await expect(row).toHaveAttribute("data-status", "other");
  await expect(row).toContainText("PENDING");
  await expect(row).not.toContainText("Failed");
  await expect(page.getByTestId("summary-other-count")).toHaveText("1");
  await expect(page.getByTestId("summary-failure-count")).toHaveText("0");
  await expect(page.getByTestId("summary-success-count")).toHaveText("1");
  await expect(page.getByTestId("summary-note")).toContainText("gross of adjustments");
  await page.screenshot({ path: `${ARTIFACTS}/pending-and-midnight.png`, fullPage: true });

  await page.getByRole("link", { name: "Show them" }).click();
  await expect(page).toHaveURL(/result=other/);
  await expect(page.locator('[data-testid="payments-table"] tbody tr')).toHaveCount(1);
  await page.goto(`/payments/${PENDING.objectId}`);
  await expect(page.getByTestId("other-result")).toContainText("PENDING");
  await expect(page.getByTestId("failure-banner")).toHaveCount(0);
});

test("an impossible date in a filter is explained next to the field, not rolled forward", async ({ page }) => {
  await page.goto("/payments?from=2025-02-30");
  await expect(page.getByTestId("f-from-error")).toContainText("not a real calendar date");
  await expect(page.getByText("Fix the highlighted filter to see payments")).toBeVisible();
  await expect(page.getByTestId("payments-table")).toHaveCount(0);
});

test("no page shows more than the last four digits of an account number, whatever its shape", async ({ page, request }) => {
  const accounts = new Set([...ACCOUNT_SHAPES.map(([, , a]) => a), ...ACCOUNTS]);
  const expectNoLeak = (html: string, url: string) => {
    for (const account of accounts) expect(leakedDigits(html, account), `${url} shows digits of ${account}`).toBe("");
  };
  // In the browser: the list, the delivery log and a payment page, as rendered.
  for (const url of ["/payments?size=100", "/deliveries?size=200", `/payments/${shapeId(0)}`]) {
    await page.goto(url);
    expectNoLeak(await page.content(), url);
  }
  // Every other page over HTTP: the server-rendered HTML, with the data it hands the browser.
  const urls = new Set<string>(["/payments?size=100&sort=amount", "/deliveries?outcome=rejected&size=200"]);
  for (let i = 0; i < ACCOUNT_SHAPES.length; i++) {
    urls.add(`/payments/${shapeId(i)}`);
    urls.add(`/payments?utr=TRUSTSHAPE${i}`);
  }
  urls.add(`/payments/lookup?utrs=${ACCOUNT_SHAPES.map((_, i) => `TRUSTSHAPE${i}`).join(",")}`);
  const log = await (await request.get("/deliveries?size=200")).text();
  for (const [, href] of log.matchAll(/href="(\/deliveries\/\d+)"/g)) urls.add(href!);
  let pages = 0;
  for (const url of urls) {
    const response = await request.get(url, { maxRedirects: 0 });
    if (response.status() === 404 || response.status() === 307) continue;
    expect(response.status(), url).toBe(200);
    expectNoLeak(await response.text(), url);
    pages++;
  }
  // Every shape reached a page: its payment, or its delivery in the log.
  expect(pages).toBeGreaterThan(ACCOUNT_SHAPES.length * 2);
});
