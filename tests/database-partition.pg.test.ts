// Network partitions between the app and PostgreSQL (RELIABILITY.md → Partitions). A TCP proxy
// refuses, black-holes (accepts and forwards nothing) and restores, in several orders; through
// every phase each request answers 503 within a bound, and when the network returns the app
// recovers by itself: no restart, no poisoned pool, nothing half-written.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { partitionProxy, type ProxyMode } from "./support/outage";
import { freshPayment, TEST_SECRET } from "./support/webhook";

const migratedUrl = process.env.DATABASE_URL!;
const CONNECT_MS = 1_000;
const STATEMENT_MS = 1_000;
// A request may wait for a pooled connection (connect bound), then for its first query
// (statement bound + the client's 1 s grace). Anything slower is the stuck state.
const BOUND_MS = CONNECT_MS + STATEMENT_MS + 1_000 + 1_500;

let proxy: Awaited<ReturnType<typeof partitionProxy>>;
let app: Awaited<ReturnType<typeof loadApp>>;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

async function loadApp(databaseUrl: string) {
  vi.resetModules();
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATABASE_CONNECT_TIMEOUT_MS = String(CONNECT_MS);
  process.env.DATABASE_STATEMENT_TIMEOUT_MS = String(STATEMENT_MS);
  const route = await import("@/app/api/v0/payment/resp-pay/route");
  const health = await import("@/app/api/health/route");
  const { prisma } = await import("@/lib/db");
  const post = async (body: object) => {
    const headers = { "content-type": "application/json", "x-webhook-secret": TEST_SECRET };
    const started = performance.now();
    const response = await route.POST(new Request("http://localhost/api/v0/payment/resp-pay", { method: "POST", body: JSON.stringify(body), headers }));
    return { status: response.status, ms: performance.now() - started };
  };
  const read = async () => {
    const started = performance.now();
    const response = await health.GET();
    return { status: response.status, ms: performance.now() - started };
  };
  return { post, read, prisma };
}

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  proxy = await partitionProxy(migratedUrl);
  app = await loadApp(proxy.url);
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await app.prisma.$disconnect().catch(() => undefined);
  await proxy.close();
  process.env.DATABASE_URL = migratedUrl;
  delete process.env.DATABASE_CONNECT_TIMEOUT_MS;
  delete process.env.DATABASE_STATEMENT_TIMEOUT_MS;
});

const acknowledged = new Set<string>();

/**
 * New payments in pairs that share their invoices, and no invoice with any other payment. The
 * first of a pair is the group-commit writer's (its own pool); the second settles an invoice that
 * another payment holds, so the writer passes it to the per-delivery path (the app's pool). Both
 * pools are partitioned, and a burst contends for connections, not for an invoice's lock: a dozen
 * deliveries of one invoice, stored one after another, outlast the 1 s statement bound here.
 */
function pairedPayments(count: number) {
  const bodies: Record<string, any>[] = [];
  for (let i = 0; i < count; i++) {
    const body = freshPayment();
    const tag = (body.resp.reqMsgId as string).slice(3);
    const first = i % 2 === 0 ? null : bodies[i - 1]!;
    (body.payment.invoicesPayInfos as { objectId: string; supplierInvoiceNumber: string }[]).forEach((invoice, n) => {
      invoice.objectId = first ? first.payment.invoicesPayInfos[n].objectId : `INV${"V".repeat(19)}${tag}${n}`;
      invoice.supplierInvoiceNumber = first ? first.payment.invoicesPayInfos[n].supplierInvoiceNumber : `SGT/${tag}/${n}`;
    });
    bodies.push(body);
  }
  return bodies;
}

/** Concurrent deliveries and reads, more than the pool holds warm, each timed. */
async function burst(count = 6) {
  const bodies = pairedPayments(count);
  const answers = await Promise.all([...bodies.map((b) => app.post(b)), app.read()]);
  bodies.forEach((b, i) => {
    if (answers[i]!.status === 200) acknowledged.add(b.payment.objectId as string);
  });
  return answers;
}

async function recovers(): Promise<number> {
  const started = performance.now();
  for (;;) {
    const answers = await burst(3);
    if (answers.every((a) => a.status === 200)) return performance.now() - started;
    if (performance.now() - started > 20_000) throw new Error("no recovery 20 s after the network returned");
    await new Promise((r) => setTimeout(r, 200));
  }
}

const orders: ProxyMode[][] = [
  ["refuse", "blackhole"],
  ["blackhole", "refuse"],
  ["blackhole"],
  ["blackhole", "refuse", "blackhole"],
];

describe("PostgreSQL partitions", () => {
  for (const order of orders) {
    it(`answers 503 within ${BOUND_MS} ms through ${order.join(" → ")} and recovers without a restart`, async () => {
      // Warm connections in the pool: the black hole catches them mid-use.
      expect((await burst()).map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
      let slowest = 0;
      for (const mode of order) {
        await proxy.set(mode);
        for (let round = 0; round < 2; round++) {
          const answers = await burst();
          for (const a of answers) {
            expect(a.status).toBe(503);
            expect(a.ms).toBeLessThan(BOUND_MS);
            slowest = Math.max(slowest, a.ms);
          }
        }
      }
      await proxy.set("forward");
      const recovery = await recovers();
      expect(recovery).toBeLessThan(BOUND_MS * 2);
      // The figures RELIABILITY.md quotes.
      console.info(`partition ${order.join(" → ")}: slowest 503 ${Math.round(slowest)} ms, recovered ${Math.round(recovery)} ms after the network returned`);
      // The pool is whole again: a burst larger than it at once, all stored.
      const after = await burst(12);
      expect(after.map((a) => a.status)).toEqual(after.map(() => 200));
    });
  }

  it("a writer lane whose connection goes silent answers its jobs at once, not after a second wait", async () => {
    const { createPostgresPool, CLIENT_GRACE_MS } = await import("@/lib/postgres-pool");
    const { PostgresGroupWriter } = await import("@/lib/ingest/postgres-writer");
    const { databaseConfig } = await import("@/lib/config");
    // A proxy of its own: the app's pooled connections stay out of this partition.
    const own = await partitionProxy(migratedUrl);
    const writer = new PostgresGroupWriter(createPostgresPool(own.url, { ...databaseConfig(), DATABASE_POOL_SIZE: 1 }, { pipeline: true }), 1);
    const job = async (client: import("pg").PoolClient) => (await client.query<{ one: number }>("SELECT 1 AS one")).rows[0]!.one;
    try {
      expect(await writer.submit("lane", job)).toBe(1);
      await own.set("blackhole");
      const started = performance.now();
      // Rejected (503), not passed on to the per-delivery path, which would wait as long again.
      await expect(writer.submit("lane", job)).rejects.toThrow(/Query read timeout/);
      expect(performance.now() - started).toBeLessThan(STATEMENT_MS + CLIENT_GRACE_MS + 1_000);
    } finally {
      await writer.close();
      await own.close();
    }
  });

  it("ends the idle connections when one goes silent, so none is found dead after the network returns", async () => {
    const { createPostgresPool } = await import("@/lib/postgres-pool");
    const { databaseConfig } = await import("@/lib/config");
    const own = await partitionProxy(migratedUrl);
    const pool = createPostgresPool(own.url, { ...databaseConfig(), DATABASE_POOL_SIZE: 4 });
    try {
      const clients = await Promise.all([1, 2, 3].map(() => pool.connect()));
      for (const client of clients) client.release();
      expect(pool.idleCount).toBe(3);
      await own.set("blackhole");
      await expect(pool.query("SELECT 1")).rejects.toThrow(/Query read timeout/);
      await expect.poll(() => pool.totalCount, { timeout: 2_000 }).toBe(0);
      await own.set("forward");
      // Fresh connections only: none waits out a query bound on a socket the partition took.
      const started = performance.now();
      await Promise.all([1, 2, 3].map(() => pool.query("SELECT 1")));
      expect(performance.now() - started).toBeLessThan(CONNECT_MS);
    } finally {
      await pool.end();
      await own.close();
    }
  });

  it("lost nothing acknowledged, wrote nothing half, and left no unhandled rejection", async () => {
    const stored = await app.prisma.payment.findMany({ where: { objectId: { in: [...acknowledged] } }, select: { objectId: true, invoiceCount: true, _count: { select: { invoices: true } } } });
    expect(stored.length).toBe(acknowledged.size);
    for (const p of stored) expect(p._count.invoices).toBe(p.invoiceCount);
    expect(unhandled).toEqual([]);
  });
});
