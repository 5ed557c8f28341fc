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
