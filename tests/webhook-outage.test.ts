// Database outages, on whichever database the suite runs against: the webhook answers 503
// (EnKash retries), writes nothing partial, and recovers by itself once the database is back.
import os from "node:os";
import { afterAll, describe, expect, it, vi } from "vitest";
import { controllableDatabase, unreachableDatabaseUrl } from "./support/outage";
import { freshPayment, TEST_SECRET } from "./support/webhook";

const migratedUrl = process.env.DATABASE_URL!;

async function loadApp(databaseUrl: string) {
  vi.resetModules();
  process.env.DATABASE_URL = databaseUrl;
  const route = await import("@/app/api/v0/payment/resp-pay/route");
  const health = await import("@/app/api/health/route");
  const { prisma } = await import("@/lib/db");
  const post = async (body: object) => {
    const headers = { "content-type": "application/json", "x-webhook-secret": TEST_SECRET };
    const response = await route.POST(new Request("http://localhost/api/v0/payment/resp-pay", { method: "POST", body: JSON.stringify(body), headers }));
    return { status: response.status, body: (await response.json()) as { response_code: number; response_message: string } };
  };
  const rows = async () => (await prisma.payment.count()) + (await prisma.delivery.count()) + (await prisma.invoicePayInfo.count());
  return { post, health: health.GET, rows, prisma };
}

afterAll(() => {
  process.env.DATABASE_URL = migratedUrl;
  delete process.env.SQLITE_BUSY_TIMEOUT_MS;
  delete process.env.DATABASE_CONNECT_TIMEOUT_MS;
});

describe("database unavailable", () => {
  it("answers 503 with the envelope when the database cannot be reached, and health says so", async () => {
    process.env.DATABASE_CONNECT_TIMEOUT_MS = "1000";
    const app = await loadApp(unreachableDatabaseUrl(migratedUrl, os.tmpdir()));
    const answer = await app.post(freshPayment());
    expect(answer.status).toBe(503);
    expect(answer.body.response_code).toBe(1);
    expect(answer.body.response_message).toMatch(/retry/);
    const health = await app.health();
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "unavailable", database: { status: "down" } });
  });

  it("answers 503 during an outage, writes nothing, and recovers by itself when the database returns", async () => {
    process.env.SQLITE_BUSY_TIMEOUT_MS = "200";
    process.env.DATABASE_CONNECT_TIMEOUT_MS = "1000";
    const database = await controllableDatabase(migratedUrl);
    try {
      const app = await loadApp(database.url);
      expect((await app.post(freshPayment())).status).toBe(200); // connections are open and warm
      const before = await app.rows();
      const body = freshPayment();

      await database.down();
      expect((await app.post(body)).status).toBe(503);
      expect((await app.post(body)).status).toBe(503);
      await database.up();

      expect(await app.rows()).toBe(before);
      const retried = await app.post(body);
      expect(retried.status).toBe(200);
      expect(await app.rows()).toBe(before + 1 + 1 + 2);
      expect((await app.health()).status).toBe(200);
      await app.prisma.$disconnect();
    } finally {
      await database.close();
    }
  });
});
