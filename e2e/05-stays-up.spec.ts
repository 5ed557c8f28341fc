// Staying up (RELIABILITY.md), against production servers started for each test on a fresh
// database of the suite's kind: SIGTERM under load, a slow upload cut off by the server, and (on
// PostgreSQL) two instances behind a round-robin proxy, migrated at the same moment.
import http from "node:http";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { BENCH_SECRET } from "../bench/server";
import { freshDatabase, migrateDatabase, post, startServer, twoInvoicePayment } from "./instances";
import { queryDatabase, serverDatabaseKind } from "./support";

test.describe.configure({ mode: "serial", timeout: 180_000 });

/** Payments whose stored invoices do not number what the payment says: half-written. */
async function halfWritten(url: string): Promise<unknown[]> {
  return queryDatabase(
    url,
    'SELECT p."objectId" FROM "Payment" p LEFT JOIN "InvoicePayInfo" i ON i."paymentId" = p."id" GROUP BY p."id", p."objectId", p."invoiceCount" HAVING COUNT(i."id") <> p."invoiceCount"',
  );
}

for (const signal of ["SIGTERM", "SIGKILL"] as const) {
  const title = signal === "SIGTERM"
    ? "SIGTERM under load: in-flight webhooks finish, every 200 is stored whole, the process exits 0"
    : "kill -9 under load: every 200 is stored whole, nothing half-written";
  test(title, async () => {
    const url = await freshDatabase(`pd_e2e_${signal.toLowerCase()}`);
    expect((await migrateDatabase(url)).code).toBe(0);
    const server = await startServer(3201, { env: { DATABASE_URL: url, SHUTDOWN_TIMEOUT_MS: "15000", LOG_LEVEL: "info" }, output: true });
    const results: { objectId: string; status: number }[] = [];
    let signalled = false;
    const sender = async (lane: number) => {
      for (let i = 0; ; i++) {
        const id = `${signal}${lane}X${i}`;
        const answer = await post(server.base, twoInvoicePayment(id));
        results.push({ objectId: `PMT${id}`, status: answer.status });
        if (signalled && answer.status !== 200) return; // refused or turned away: the server is going
      }
    };
    const lanes = Array.from({ length: 16 }, (_, lane) => sender(lane));
    // Two seconds of load, and at least a few answers: a server slow to warm up on a busy machine
    // has answered none by then.
    const loaded = Date.now() + 2_000;
    await expect.poll(() => Date.now() >= loaded && results.filter((r) => r.status === 200).length >= 16, { timeout: 60_000 }).toBe(true);
    const before = results.length;
    signalled = true;
    server.process.kill(signal);
    const code = await server.exited;
    await Promise.all(lanes);

    if (signal === "SIGTERM") {
      expect(code, server.output().slice(-3000)).toBe(0);
      expect(server.output()).toMatch(/server\.stopped/);
    }
    const acknowledged = results.filter((r) => r.status === 200).map((r) => r.objectId);
    expect(acknowledged.length).toBeGreaterThan(before / 2);
    const stored = await queryDatabase<{ objectId: string }>(url, 'SELECT "objectId" FROM "Payment"');
    const storedIds = new Set(stored.map((p) => p.objectId));
    expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
    expect(await halfWritten(url)).toEqual([]);
    // A delivery row for every stored payment (they are written in one transaction).
    const [deliveries] = await queryDatabase<{ n: bigint }>(url, 'SELECT COUNT(*) AS n FROM "Delivery" WHERE "httpStatus" = 200');
    expect(Number(deliveries!.n)).toBe(stored.length);
    console.log(`${signal} (${serverDatabaseKind()}): ${results.length} sent, ${acknowledged.length} acknowledged, ${acknowledged.filter((id) => storedIds.has(id)).length} found after the signal, ${stored.length - acknowledged.length} stored but not acknowledged (the answer was lost with the process)`);
  });
}

test("a slow upload is cut off with 408 by the server, and the delivery is kept", async () => {
  const url = await freshDatabase("pd_e2e_slow");
  expect((await migrateDatabase(url)).code).toBe(0);
  const server = await startServer(3204, { env: { DATABASE_URL: url, WEBHOOK_BODY_TIMEOUT_MS: "1000" } });
  try {
    const started = Date.now();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(3204, "127.0.0.1", () => {
        socket.write(`POST /api/v0/payment/resp-pay HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Webhook-Secret: ${BENCH_SECRET}\r\nContent-Length: 5000\r\n\r\n{"resp":`);
      });
      let text = "";
      socket.on("data", (d) => {
        text += d.toString();
        if (text.includes("\r\n\r\n")) resolve(text); // the answer's head is enough
      });
      socket.on("end", () => resolve(text));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
      socket.setTimeout(20_000, () => reject(new Error("the server held a slow upload for 20 s")));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 300)); // the delivery row is written before the answer; let the read see it
    const [row] = await queryDatabase<{ httpStatus: bigint | number; bodyBytes: bigint | number }>(url, 'SELECT "httpStatus", "bodyBytes" FROM "Delivery"');
    expect(Number(row!.httpStatus)).toBe(408);
    expect(Number(row!.bodyBytes)).toBe(8);
  } finally {
    server.stop();
  }
});

/** Sends a 3 MB body over a raw socket (framed by Content-Length, or chunked) and reads the answer. */
function oversizedUpload(port: number, chunked: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunk = "x".repeat(64 * 1024);
    const socket = net.connect(port, "127.0.0.1", () => {
      const framing = chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${48 * chunk.length}`;
      socket.write(`POST /api/v0/payment/resp-pay HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Webhook-Secret: ${BENCH_SECRET}\r\n${framing}\r\n\r\n`);
      let sent = 0;
      const more = () => {
        if (sent++ >= 48 || socket.destroyed) return void (chunked && !socket.destroyed && socket.write("0\r\n\r\n"));
        socket.write(chunked ? `${chunk.length.toString(16)}\r\n${chunk}\r\n` : chunk, () => setTimeout(more, 2));
      };
      more();
    });
    let text = "";
    socket.on("data", (d) => (text += d.toString()));
    socket.on("close", () => resolve(text));
    socket.on("error", () => resolve(text)); // the server may reset once it has answered
    socket.setTimeout(20_000, () => reject(new Error("no answer to an oversized upload in 20 s")));
  });
}

test("a body that keeps coming after its 413 neither crashes the server nor holds the connection", async () => {
  const url = await freshDatabase("pd_e2e_oversized");
  expect((await migrateDatabase(url)).code).toBe(0);
  const server = await startServer(3206, { env: { DATABASE_URL: url }, output: true });
  try {
    for (const chunked of [false, true]) {
      expect(await oversizedUpload(3206, chunked)).toMatch(/^HTTP\/1\.1 413/);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
    expect(server.output()).not.toMatch(/uncaught_exception|unhandled_rejection/);
    expect(server.process.exitCode).toBeNull();
    const rows = await queryDatabase<{ httpStatus: bigint | number }>(url, 'SELECT "httpStatus" FROM "Delivery"');
    expect(rows.map((r) => Number(r.httpStatus))).toEqual([413, 413]);
  } finally {
    server.stop();
  }
});

test("two instances on one PostgreSQL, migrated at once, behind a round-robin proxy: one payment per objectId, exact outcomes", async () => {
  test.skip(serverDatabaseKind() !== "postgresql", "several instances share one PostgreSQL database");
  const url = await freshDatabase("pd_e2e_instances");
  const migrations = await Promise.all([migrateDatabase(url), migrateDatabase(url)]);
  expect(migrations.map((m) => m.code), migrations.map((m) => m.output).join("\n")).toEqual([0, 0]);

  const [a, b] = await Promise.all([startServer(3202, { env: { DATABASE_URL: url } }), startServer(3203, { env: { DATABASE_URL: url } })]);
  const targets = [3202, 3203];
  const served = [0, 0];
  let turn = 0;
  const proxy = http.createServer((req, res) => {
    const index = turn++ % 2;
    served[index]!++;
    const upstream = http.request({ host: "127.0.0.1", port: targets[index], path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(3205, "127.0.0.1", () => resolve()));
  const base = "http://127.0.0.1:3205";
  try {
    const N = 60;
    const ids = Array.from({ length: N }, (_, i) => `MULTI${Date.now().toString(36)}X${i}`);
    const outcomes: Record<string, number> = {};
    // Twins of each message at once, so that each pair lands on both instances.
    const round = async (ts: string) => {
      const queue = ids.flatMap((id) => [twoInvoicePayment(id, ts), twoInvoicePayment(id, ts)]);
      const lane = async () => {
        for (let text = queue.shift(); text; text = queue.shift()) {
          const answer = await post(base, text);
          expect(answer.status).toBe(200);
          outcomes[answer.outcome!] = (outcomes[answer.outcome!] ?? 0) + 1;
        }
      };
      await Promise.all(Array.from({ length: 16 }, lane));
    };
    await round("2025-11-20T10:00:00+05:30");
    await round("2025-11-20T11:00:00+05:30");
    // The same reqMsgId with new content and a later ts is a revision (README → Ordering).
    expect(outcomes).toEqual({ accepted: N, duplicate: 2 * N, revised: N });
    expect(served[0]).toBeGreaterThan(0);
    expect(served[1]).toBeGreaterThan(0);
    const [count] = await queryDatabase<{ n: bigint }>(url, 'SELECT COUNT(*) AS n FROM "Payment" WHERE "objectId" LIKE ?', ["PMTMULTI%"]);
    expect(Number(count!.n)).toBe(N);
    const stale = await queryDatabase(url, 'SELECT "objectId" FROM "Payment" WHERE "objectId" LIKE ? AND "ts" <> ?', ["PMTMULTI%", "2025-11-20T11:00:00+05:30"]);
    expect(stale).toEqual([]);
    expect(await halfWritten(url)).toEqual([]);
  } finally {
    proxy.close();
    a.stop();
    b.stop();
  }
});
