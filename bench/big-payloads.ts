// Big payloads against a production build (`npm run build` first; RELIABILITY.md → Limits):
//   DATABASE_URL=file:./data/big-bench.db npm run migrate
//   DATABASE_URL=file:./data/big-bench.db npx tsx bench/big-payloads.ts
// For each body: the POST's time and answer, the worst stall of the event loop while it ran (the
// slowest of /api/health requests sent every 5 ms alongside), and the server's RSS at rest before,
// at its peak, and 10 s after. Then the page of a 5,000-invoice payment (server restarted with a
// 4 MiB cap, which the limits scale with): time to the last byte, and its size.
import { readFileSync } from "node:fs";
import { BENCH_SECRET, signInCookie, startServer, type RunningServer } from "./server";
import { bigPayment } from "../tests/support/big-payment";
import { DEFAULT_LIMITS } from "../lib/enkash/limits";

const port = Number(process.env.BENCH_PORT ?? 3302);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of the server process. */
function rssMb(server: RunningServer): number {
  const status = readFileSync(`/proc/${server.process.pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

let logFrom = 0;

async function measure(server: RunningServer, name: string, text: string) {
  const rest = rssMb(server);
  let peak = rest;
  let worst = 0;
  let done = false;
  const pinger = (async () => {
    while (!done) {
      const started = performance.now();
      // A route that touches nothing (405): its delay is the event loop's.
      await fetch(`${server.base}/api/v0/payment/resp-pay`).then((r) => r.arrayBuffer());
      worst = Math.max(worst, performance.now() - started);
      peak = Math.max(peak, rssMb(server));
      await sleep(5);
    }
  })();
  await sleep(50);
  const started = performance.now();
  const response = await fetch(`${server.base}/api/v0/payment/resp-pay`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-webhook-secret": BENCH_SECRET },
    body: text,
  });
  const envelope = (await response.json()) as { response_message: string };
  const ms = performance.now() - started;
  await sleep(50);
  done = true;
  await pinger;
  await sleep(10_000);
  const after = rssMb(server);
  // The server logs each second whose longest event-loop stall passed EVENT_LOOP_WARN_MS (set to 0 here).
  const stalls = [...server.output().slice(logFrom).matchAll(/"event_loop\.stalled","maxMs":(\d+)/g)].map((m) => Number(m[1]));
  logFrom = server.output().length;
  const row = { body: name, kb: Math.round(text.length / 1024), status: response.status, postMs: Math.round(ms), worstProbeMs: Math.round(worst), worstLoopStallMs: Math.max(0, ...stalls), rssRestMb: rest, rssPeakMb: peak, rssAfter10sMb: after };
  console.log(JSON.stringify(row), response.status === 200 ? "" : envelope.response_message.slice(0, 100));
  return row;
}

function minimal(count: number) {
  const body = bigPayment(1, 0);
  body.payment.invoicesPayInfos = Array.from({ length: count }, (_, i) => ({ objectId: `INV${i}`, supplierInvoiceNumber: `S/${i}` }));
  return JSON.stringify(body);
}

async function main() {
  const env = { LOG_LEVEL: "info", EVENT_LOOP_WARN_MS: "0" };
  let server = await startServer(port, { env, output: true });
  try {
    for (let i = 0; i < 20; i++) await fetch(`${server.base}/api/health`);
    const cases: [string, () => string][] = [
      ["two-invoice example", () => JSON.stringify(bigPayment(2, 1))],
      ["1,000 invoices × 2 splits", () => JSON.stringify(bigPayment(1000, 2))],
      ["1,400 invoices × 1 split (at the cap)", () => JSON.stringify(bigPayment(1400, 1))],
      [`${DEFAULT_LIMITS.invoices} minimal invoices (the limit)`, () => minimal(DEFAULT_LIMITS.invoices)],
      [`${DEFAULT_LIMITS.invoices + 1} minimal invoices (over)`, () => minimal(DEFAULT_LIMITS.invoices + 1)],
      ["349,000 empty invoices", () => JSON.stringify({ ...bigPayment(1, 0), additionalInfos: "X" }).replace('"X"', `[${"{},".repeat(349_000)}{}]`)],
    ];
    for (const [name, make] of cases) for (let run = 0; run < 2; run++) await measure(server, name, make());
    server.stop();
    await server.exited;

    server = await startServer(port, { env: { ...env, WEBHOOK_MAX_BODY_BYTES: String(4 * 1024 * 1024) }, output: true });
    logFrom = 0;
    const body = bigPayment(5000, 1);
    const row = await measure(server, "5,000 invoices × 1 split (4 MiB cap)", JSON.stringify(body));
    if (row.status !== 200) throw new Error("the 5,000-invoice payment was not stored");
    const cookie = await signInCookie(server.base);
    for (let run = 0; run < 4; run++) {
      const started = performance.now();
      const page = await fetch(`${server.base}/payments/${encodeURIComponent(body.payment.objectId)}${run % 2 ? "?invoices=50" : ""}`, { headers: { cookie } });
      const html = await page.text();
      console.log(JSON.stringify({ page: `5,000-invoice payment${run % 2 ? ", last invoice page" : ""}`, status: page.status, ms: Math.round(performance.now() - started), htmlKb: Math.round(html.length / 1024) }));
    }
  } finally {
    server.stop();
  }
}

void main();
