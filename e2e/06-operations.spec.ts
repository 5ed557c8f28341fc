// An administrator's operations in the browser (README → Replay, Retention): reviewing rejected
// deliveries by reason and replaying them, with links both ways; finance may not.
import { expect, test } from "@playwright/test";
import { exampleVariant, queryServer, ROLE_STATE, sendWebhook } from "./support";

test.describe("rejected deliveries", () => {
  test.use({ storageState: ROLE_STATE.admin });

  test("an admin finds a rejection by its reason, replays it, and both deliveries link to each other", async ({ page, request }) => {
    const objectId = `PMTE2EREPLAY${Date.now()}`;
    // One additional info more than the limit: refused with 422 and kept.
    const text = exampleVariant(objectId, `UTRREPLAY${Date.now()}`.slice(0, 22), (body) => {
      body.additionalInfos = Array.from({ length: 1001 }, (_, i) => ({ name: "NOTE", value: `n${i}` }));
    });
    expect(await sendWebhook(request, text)).toBe(422);
    const [original] = await queryServer<{ id: bigint }>('SELECT "id" FROM "Delivery" WHERE "objectId" = ?', [objectId]);

    await page.goto("/admin/rejected");
    const group = page.getByTestId("rejection-groups").getByRole("link", { name: /additionalInfos holds N entries/ });
    await expect(group).toBeVisible();
    await group.click();
    await expect(page.getByRole("checkbox", { name: `Select delivery #${original!.id}` })).toBeChecked();
    await page.getByRole("button", { name: "Replay selected" }).click();
    // Still over the limit: replayed, refused again, and kept as a new delivery pointing back.
    await expect(page.getByTestId("replay-selected").getByRole("status")).toContainText(`#${original!.id}: replayed as #`);
    const [replay] = await queryServer<{ id: bigint; httpStatus: bigint | number }>('SELECT "id", "httpStatus" FROM "Delivery" WHERE "replayOfId" = ?', [original!.id]);
    expect(Number(replay!.httpStatus)).toBe(422);

    await page.goto(`/deliveries/${original!.id}`);
    await expect(page.getByTestId("replays")).toContainText(`delivery #${replay!.id}`);
    await page.getByTestId("replays").getByRole("link").click();
    await expect(page.getByTestId("replay-of")).toHaveText(`delivery #${original!.id}`);
    const audit = await queryServer('SELECT "id" FROM "AuditEvent" WHERE "action" = ? AND "target" = ?', ["delivery.replay", String(original!.id)]);
    expect(audit).toHaveLength(1);
  });
});

test.describe("as finance", () => {
  test.use({ storageState: ROLE_STATE.finance });

  test("the rejected-deliveries page is refused, and a delivery's whole body downloads", async ({ page, request }) => {
    const response = await page.goto("/admin/rejected");
    expect(response?.status()).toBe(403);
    const objectId = `PMTE2EDOWNLOAD${Date.now()}`;
    const text = exampleVariant(objectId, `UTRDL${Date.now()}`.slice(0, 22));
    expect(await sendWebhook(request, text)).toBe(200);
    const [delivery] = await queryServer<{ id: bigint }>('SELECT "id" FROM "Delivery" WHERE "objectId" = ?', [objectId]);
    const download = await page.request.get(`/deliveries/${delivery!.id}/body`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toBe(`attachment; filename="delivery-${delivery!.id}.json"`);
    expect(await download.json()).toEqual(JSON.parse(text));
  });
});

test.describe("as support", () => {
  test.use({ storageState: ROLE_STATE.support });

  test("a delivery's raw body download is refused", async ({ page }) => {
    const [delivery] = await queryServer<{ id: bigint }>('SELECT "id" FROM "Delivery" ORDER BY "id" LIMIT 1');
    expect((await page.request.get(`/deliveries/${delivery!.id}/body`)).status()).toBe(403);
  });
});
