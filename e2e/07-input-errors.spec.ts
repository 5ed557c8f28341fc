// Input in the URL is explained or made canonical, never a 500 (issue 10, first part): enum
// values in any case, the filter form's empty fields dropped, a page beyond the last, malformed
// and unknown ids.
import { expect, test } from "@playwright/test";
import { exampleVariant, ROLE_STATE, sendWebhook } from "./support";

test.use({ storageState: ROLE_STATE.finance });

test("enum filters are read in any case, and the URL becomes the canonical one", async ({ page }) => {
  await page.goto("/payments?result=FAILURE&dir=ASC");
  await expect(page).toHaveURL(/\/payments\?dir=asc&result=failure$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Failed payments");
  await page.goto("/deliveries?outcome=ACCEPTED");
  await expect(page.getByRole("navigation", { name: "Filter by outcome" }).locator("[aria-current=page]")).toHaveText("accepted");
});

test("Apply leaves empty fields out of the URL", async ({ page }) => {
  await page.goto("/payments");
  await page.getByLabel("Mode").selectOption("UPI");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/payments\?mode=UPI$/);
});

test("a page beyond the last shows the last page at its own URL", async ({ page, request }) => {
  expect(await sendWebhook(request, exampleVariant(`PMTE2EPAGES${Date.now()}`, `UTRPAGES${Date.now()}`.slice(0, 22)))).toBe(200);
  await page.goto("/payments?page=999999");
  await expect(page).not.toHaveURL(/999999/);
  await expect(page).toHaveURL(/\/payments(\?page=\d+)?$/);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toBeVisible();
});

test("a malformed address answers 400 and an unknown delivery 404, each with a page that says so", async ({ page }) => {
  const malformed = await page.goto("/payments/%E0%A4%A");
  expect(malformed?.status()).toBe(400);
  await expect(page.getByText("This address cannot be read")).toBeVisible();
  const unknown = await page.goto("/deliveries/99999999");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByText("No such delivery")).toBeVisible();
});

test.describe("text from EnKash on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a right-to-left override cannot reverse the app's text, and a 290-character token wraps inside its box", async ({ page, request }) => {
    const objectId = `PMTE2EBIDI${Date.now()}`;
    const token = "X".repeat(290);
    const text = exampleVariant(objectId, `UTRBIDI${Date.now()}`.slice(0, 22), (body) => {
      body.payment.invoicesPayInfos[0].supplierBankAccountDetails.beneficiaryName = "\u202EEVIL TRADERS";
      body.additionalInfos = [{ name: "REMARKS", value: token }];
      body.resp.errorDtl = token;
    });
    expect(await sendWebhook(request, text)).toBe(200);
    await page.goto(`/payments/${objectId}`);
    // The name sits in its own isolate; the amount after it is the app's text, left to right.
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading.locator("bdi")).toHaveText("\u202EEVIL TRADERS");
    expect(await heading.evaluate((h) => getComputedStyle(h.querySelector("bdi")!).unicodeBidi)).toBe("isolate");
    expect(await page.title()).toContain(`\u2068${objectId}\u2069`);
    // Nothing on the page is wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByText(token).first()).toBeVisible();
  });
});

test.describe("small things", () => {
  test("the current page is marked in the navigation, the header search keeps its query, the failures view says what it is, and there is a favicon", async ({ page, request }) => {
    await page.goto("/payments?result=failure");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.locator("[aria-current=page]")).toHaveText("Failures");
    await expect(page.getByText(/Payments EnKash reported as failed/)).toBeVisible();
    await nav.getByRole("link", { name: "Delivery log" }).click();
    await expect(nav.locator("[aria-current=page]")).toHaveText("Delivery log");

    await page.goto("/payments?utr=NOSUCHUTR123");
    await expect(page.getByRole("searchbox", { name: "UTR", exact: true })).toHaveValue("NOSUCHUTR123");

    const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
    expect(icon).toBeTruthy();
    expect((await request.get(icon!)).status()).toBe(200);
  });

  test("a page number can be typed in, and one past the end lands on the last page", async ({ page, request }) => {
    for (let i = 0; i < 30; i++) {
      expect(await sendWebhook(request, exampleVariant(`PMTE2EJUMP${Date.now()}X${i}`, `UTRJUMP${Date.now()}${i}`.slice(0, 22)))).toBe(200);
    }
    await page.goto("/payments?size=25");
    const jump = page.getByRole("form", { name: "Jump to a page" });
    await jump.getByLabel("Page").fill("2");
    await jump.getByRole("button", { name: "Go" }).click();
    await expect(page).toHaveURL(/[?&]page=2(&|$)/);
    await expect(page).toHaveURL(/[?&]size=25(&|$)/);
    await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("page 2 of");
  });
});
