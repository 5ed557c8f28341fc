// Database outages: the webhook answers 503 (EnKash retries), writes nothing partial, and
// recovers by itself once the database is back.
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { freshPayment } from "./support/webhook";

const migratedFile = process.env.DATABASE_URL!.replace(/^file:/, "");

async function loadApp(databaseUrl: string) {
  vi.resetModules();
  process.env.DATABASE_URL = databaseUrl;
  const route = await import("@/app/api/v0/payment/resp-pay/route");
  const health = await import("@/app/api/health/route");
  const post = async (body: object) => {
    const response = await route.POST(new Request("http://localhost/api/v0/payment/resp-pay", { method: "POST", body: JSON.stringify(body) }));
    return { status: response.status, body: (await response.json()) as { response_code: number; response_message: string } };
  };
  return { post, health: health.GET };
}

afterAll(() => {
  process.env.DATABASE_URL = `file:${migratedFile}`;
  delete process.env.SQLITE_BUSY_TIMEOUT_MS;
});

describe("database unavailable", () => {
  it("answers 503 with the envelope when the database cannot be opened, and health says so", async () => {
    const app = await loadApp(`file:${path.join(path.dirname(migratedFile), "missing-dir", "nope.db")}`);
    const answer = await app.post(freshPayment());
    expect(answer.status).toBe(503);
    expect(answer.body.response_code).toBe(1);
    expect(answer.body.response_message).toMatch(/retry/);
    const health = await app.health();
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "unavailable", database: { status: "down" } });
  });

  it("answers 503 while the database is locked, writes nothing, and recovers when it is released", async () => {
    process.env.SQLITE_BUSY_TIMEOUT_MS = "200";
    const app = await loadApp(`file:${migratedFile}`);
    const body = freshPayment();
    const locker = new Database(migratedFile);
    const count = () => locker.prepare("SELECT (SELECT COUNT(*) FROM Payment) + (SELECT COUNT(*) FROM Delivery) + (SELECT COUNT(*) FROM InvoicePayInfo) AS n").get() as { n: number };
    const before = count().n;
    locker.exec("BEGIN EXCLUSIVE");
    try {
      const answer = await app.post(body);
      expect(answer.status).toBe(503);
    } finally {
      locker.exec("ROLLBACK");
    }
    expect(count().n).toBe(before);

    const retried = await app.post(body);
    expect(retried.status).toBe(200);
    expect(count().n).toBe(before + 1 + 1 + 2);
    expect((await app.health()).status).toBe(200);
    locker.close();
  });
});
