// Access control in a real browser: anonymous visitors, each role's view, an administrator managing
// users, forged posts, the audit trail and the security headers.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { exampleVariant, PEOPLE, queryServer, ROLE_STATE, sendWebhook } from "./support";

const PAYMENT = { objectId: "PMTaccessControl00000000000000000001", utr: "ACCESSUTR0001" };
let deliveryId = 0;

test.beforeAll(async ({ request }) => {
  expect(await sendWebhook(request, exampleVariant(PAYMENT.objectId, PAYMENT.utr))).toBe(200);
  const [row] = await queryServer<{ id: bigint }>('SELECT "id" FROM "Delivery" WHERE "objectId" = ? ORDER BY "id" DESC', [PAYMENT.objectId]);
  deliveryId = Number(row!.id);
});

const DASHBOARD = () => [
  "/", "/payments", "/payments?result=failure", `/payments?utr=${PAYMENT.utr}`, `/payments/${PAYMENT.objectId}`,
  `/payments/lookup?utrs=${PAYMENT.utr}`, "/deliveries", `/deliveries/${deliveryId}`, "/admin/users", "/admin/audit", "/admin/settings",
];

/** Fills the sign-in form: on the page already shown, or on /sign-in. */
async function signInThroughForm(page: Page, who: { email: string; password: string }) {
  if (!new URL(page.url(), "http://x").pathname.startsWith("/sign-in")) await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("anonymous", () => {
  test("is sent to sign-in from every dashboard URL, and no payment data is in any answer", async ({ request }) => {
    for (const url of DASHBOARD()) {
      const page = await request.get(url, { maxRedirects: 0 });
      expect(page.status(), url).toBe(307);
      expect(page.headers().location, url).toMatch(/\/sign-in/);
      // The client router's requests get the page's own redirect instead (which the router follows).
      const payload = await request.get(url, { maxRedirects: 0, headers: { RSC: "1" } });
      expect(`${payload.headers().location ?? ""} ${await payload.text()}`, url).toMatch(/\/sign-in/);
      // What only the database knows about the payment (the URL itself may name it).
      for (const body of [await page.text(), await payload.text()]) {
        for (const secret of ["NILGIRI", "23,600", "XXXXXXXX", "ACMEPOLY", "supplierB2BId"]) expect(body, url).not.toContain(secret);
      }
    }
  });

  test("gets JSON 401s from JSON endpoints, never a redirect page", async ({ request }) => {
    const response = await request.get("/api/auth/list-sessions", { maxRedirects: 0 });
    expect(response.status()).toBe(401);
    expect(response.headers()["content-type"]).toMatch(/application\/json/);
  });
});

test.describe("signing in and out in the browser", () => {
  test("a finance user signs in, lands on the payments list, and signs out", async ({ page }) => {
    await page.goto(`/payments/${PAYMENT.objectId}`);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await signInThroughForm(page, PEOPLE.finance);
    await expect(page).toHaveURL(new RegExp(`/payments/${PAYMENT.objectId}$`));
    await expect(page.getByTestId("signed-in-as")).toContainText("finance");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto(`/payments/${PAYMENT.objectId}`);
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a wrong password says so without saying which part was wrong", async ({ page }) => {
    await signInThroughForm(page, { email: PEOPLE.finance.email, password: "not the password at all" });
    await expect(page.getByTestId("sign-in-error")).toHaveText("That email and password do not match an active account.");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe("support", () => {
  test.use({ storageState: ROLE_STATE.support });

  test("searches UTRs and opens payments and deliveries, but never sees raw JSON or headers", async ({ page, request }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/payments\/lookup$/);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Bulk UTR lookup", "Delivery log"]);
    await page.goto(`/payments?utr=${PAYMENT.utr}`);
    await expect(page).toHaveURL(new RegExp(PAYMENT.objectId));
    await expect(page.getByTestId("delivery-history")).toBeVisible();
    await expect(page.getByText(/Raw JSON as received/)).toHaveCount(0);
    await page.goto(`/deliveries/${deliveryId}`);
    await expect(page.getByTestId("raw-withheld")).toBeVisible();
    await expect(page.getByTestId("raw-body")).toHaveCount(0);
    // Asked for directly, the server does not send them either.
    for (const url of [`/deliveries/${deliveryId}`, `/payments/${PAYMENT.objectId}`]) {
      const html = await (await request.get(url)).text();
      expect(html, url).not.toContain("invoicesPayInfos");
      expect(html, url).not.toContain("content-type");
    }
  });

  test("is refused the payments list and the admin pages (403)", async ({ page }) => {
    for (const url of ["/payments", "/payments?result=failure", "/admin/users", "/admin/audit", "/admin/settings"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(403);
      await expect(page.getByText("Your role cannot open this page")).toBeVisible();
      await expect(page.locator("body")).not.toContainText(PAYMENT.utr);
    }
  });
});

async function contextAs(browser: Browser, role: keyof typeof ROLE_STATE) {
  return browser.newContext({ storageState: ROLE_STATE[role] });
}

test.describe("an administrator", () => {
  test.use({ storageState: ROLE_STATE.admin });

  test("adds a user, changes their role, resets their password and disables them (their session ends at once)", async ({ page, browser }) => {
    const email = `new.person.${Date.now()}@e2e.payments-desk.test`;
    await page.goto("/admin/users");
    const form = page.getByTestId("create-user");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill("New Person");
    await form.getByLabel("Role").selectOption("support");
    await form.getByRole("button", { name: "Add user" }).click();
    const password = await form.getByTestId("shown-password").innerText();
    expect(password.length).toBeGreaterThanOrEqual(20);

    const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } }); // not the admin's
    const theirPage = await theirs.newPage();
    await signInThroughForm(theirPage, { email, password });
    await expect(theirPage).toHaveURL(/\/payments\/lookup$/);
    expect((await theirPage.goto("/payments"))?.status()).toBe(403);

    const row = page.locator(`tr[data-email="${email}"]`);
    await row.getByLabel(`Role of ${email}`).selectOption("finance");
    await row.getByRole("button", { name: "Change" }).click();
    await expect(row.getByRole("status")).toHaveText("Role changed to finance.");
    expect((await theirPage.goto("/payments"))?.status()).toBe(200);

    await row.getByRole("button", { name: "Reset password" }).click();
    await expect(row.getByTestId("shown-password")).toBeVisible();
    await theirPage.goto("/payments");
    await expect(theirPage).toHaveURL(/\/sign-in/); // a reset ends their sessions
    await signInThroughForm(theirPage, { email, password: await row.getByTestId("shown-password").innerText() });
    await expect(theirPage).toHaveURL(/\/payments$/);

    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row).toContainText("Disabled");
    await theirPage.goto("/payments");
    await expect(theirPage).toHaveURL(/\/sign-in/);
    await theirs.close();
  });

  test("sees the webhook secret (set in the environment here, so it is rotated there)", async ({ page, request }) => {
    await page.goto("/admin/settings");
    await page.getByTestId("reveal-secret").getByRole("button").click();
    await expect(page.getByTestId("reveal-secret").getByTestId("shown-secret")).toHaveText(process.env.E2E_WEBHOOK_SECRET!);
    await expect(page.getByText("To rotate, change WEBHOOK_SECRET and restart.")).toBeVisible();
    expect(await sendWebhook(request, exampleVariant("PMTaccessSecret000000000000000000001", "ACCESSUTR0002"))).toBe(200);
  });

  test("every audited action appears in the audit log, with who and when", async ({ page, browser, request }) => {
    await request.post("/api/auth/sign-in/email", { data: { email: PEOPLE.support.email, password: "a wrong password here" } });
    for (const url of [`/payments?utr=${PAYMENT.utr}`, `/deliveries/${deliveryId}`, `/payments/lookup?utrs=${PAYMENT.utr}`]) await page.goto(url);
    const support = await contextAs(browser, "support");
    for (const url of [`/payments/${PAYMENT.objectId}`, `/deliveries/${deliveryId}`]) await (await support.newPage()).goto(url);
    await support.close();
    await page.goto("/admin/audit");
    const actions = await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
    for (const action of ["sign-in", "sign-in.failed", "utr.search", "payment.view", "payment.view-with-raw", "delivery.view", "raw.view", "utr.bulk-lookup", "user.create", "user.role", "user.reset-password", "user.disable", "settings.view-webhook-secret"]) {
      expect(actions, action).toContain(action);
    }
    await page.getByLabel("Action").selectOption("user.disable");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.locator("tbody tr")).not.toHaveCount(0);
    for (const row of await page.locator("tbody tr").all()) await expect(row).toContainText(PEOPLE.admin.email);
    await page.screenshot({ path: `e2e-artifacts/${process.env.E2E_DATABASE_URL!.startsWith("file:") ? "sqlite" : "postgresql"}/audit-log.png`, fullPage: true });
  });
});

test.describe("forged posts", () => {
  test("an admin form submitted with a support user's session is refused by the server", async ({ browser }) => {
    const context = await contextAs(browser, "admin");
    const page = await context.newPage();
    await page.goto("/admin/users");
    // The page (and its form) came to an admin; the session that posts it is support's.
    const support = JSON.parse(await (await import("node:fs/promises")).readFile(ROLE_STATE.support, "utf8")) as { cookies: Parameters<typeof context.addCookies>[0] };
    await context.clearCookies();
    await context.addCookies(support.cookies);
    const email = `forged.${Date.now()}@e2e.payments-desk.test`;
    const form = page.getByTestId("create-user");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill("Forged");
    await form.getByLabel("Role").selectOption("admin");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByRole("alert")).toHaveText("Only administrators can do this.");
    expect(await queryServer('SELECT "id" FROM "User" WHERE "email" = ?', [email])).toEqual([]);
    await context.close();
  });

  test("an admin's own form, replayed from another site, is refused", async ({ browser, request }) => {
    const context = await contextAs(browser, "admin");
    const page = await context.newPage();
    await page.goto("/admin/users");
    const email = `cross.site.${Date.now()}@e2e.payments-desk.test`;
    const form = page.getByTestId("create-user");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill("Cross Site");
    const posted = page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/admin/users"));
    await form.getByRole("button", { name: "Add user" }).click();
    const original = await posted;
    await expect(form.getByTestId("shown-password")).toBeVisible(); // the real one worked
    const replay = await request.post(original.url(), {
      headers: { ...(await original.allHeaders()), origin: "https://evil.example", host: new URL(original.url()).host },
      data: (original.postData() ?? "").replace(email, `replayed.${email}`),
      maxRedirects: 0,
    });
    expect(replay.ok()).toBe(false);
    expect(await queryServer('SELECT "id" FROM "User" WHERE "email" = ?', [`replayed.${email}`])).toEqual([]);
    await context.close();
  });
});

test.describe("browser security", () => {
  test.use({ storageState: ROLE_STATE.finance });

  test("every page carries a nonce-based CSP that forbids framing, and the other security headers", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => void (/Content Security Policy/i.test(m.text()) && violations.push(m.text())));
    for (const url of ["/payments", `/payments/${PAYMENT.objectId}`, "/overview?period=30d", "/sign-in"]) {
      const response = (await page.goto(url))!;
      const headers = response.headers();
      expect(headers["content-security-policy"], url).toMatch(/frame-ancestors 'none'/);
      expect(headers["content-security-policy"], url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("same-origin");
      expect(headers["strict-transport-security"]).toBeUndefined(); // plain HTTP here; set over HTTPS
    }
    // Client-side JavaScript runs under the CSP: the overview's chart (drawn in the browser, with
    // inline styles set from script) and the list's sorting.
    await page.goto("/overview?period=30d");
    await expect(page.getByTestId("daily-chart").locator("svg").first()).toBeVisible();
    await page.goto("/payments");
    await page.getByRole("button", { name: /Amount/ }).click();
    await expect(page).toHaveURL(/sort=amount/);
    expect(violations).toEqual([]);
  });
});
