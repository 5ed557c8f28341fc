// The reads of `npm run bench` (bench/run.ts) on a database filled by bench/fill-payments.ts: each
// page fetched once to warm up and then 20 times in sequence, as the signed-in bench administrator.
// Time to first byte is until the first body chunk (streamed pages send their shell first); full is
// until the last byte. Export: one CSV of everything, its rows per second and the server's peak memory.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { Client } from "pg";
import { sqliteFilePath } from "../lib/database-url";
import { BENCH_SECRET, signInCookie, type RunningServer } from "./server";
import { rssMb } from "./ingest-load";

const RUNS = 20;

interface Sample {
  objectId: string;
  utr: string;
  utrs: string[];
}

/** The newest payment and 500 UTRs spread over the table. */
async function sample(url: string): Promise<Sample> {
  const newest = 'SELECT "objectId", "utr" FROM "Payment" ORDER BY "id" DESC LIMIT 1';
  const spread = 'SELECT "utr" FROM "Payment" WHERE "id" % 1999 = 0 ORDER BY "id" LIMIT 500';
  if (url.startsWith("file:")) {
    const db = new Database(sqliteFilePath(url), { readonly: true });
    const row = db.prepare(newest).get() as { objectId: string; utr: string };
    const utrs = (db.prepare(spread).all() as { utr: string }[]).map((r) => r.utr);
    db.close();
    return { ...row, utrs };
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  const row = (await client.query(newest)).rows[0];
  const utrs = (await client.query(spread)).rows.map((r) => r.utr as string);
  await client.end();
  return { ...row, utrs };
}

/** Posts a payment of 300 invoices through the webhook; returns its objectId. */
async function bigPayment(base: string): Promise<string> {
  const body = JSON.parse(readFileSync("tests/fixtures/enkash/resp-pay-success-two-invoices-neft.json", "utf8"));
  const tag = Date.now().toString(36).toUpperCase();
  const template = body.payment.invoicesPayInfos[0];
  body.payment.objectId = `PMTBIG${tag}`;
  body.resp.reqMsgId = `BIG${tag}`;
  body.payment.utr = `BIG${tag}`;
  body.payment.invoicesPayInfos = Array.from({ length: 300 }, (_, i) => ({ ...structuredClone(template), objectId: `INVBIG${tag}${i}`, supplierInvoiceNumber: `BIG/${tag}/${i}` }));
  const response = await fetch(`${base}/api/v0/payment/resp-pay`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-webhook-secret": BENCH_SECRET },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`the 300-invoice payment was refused (${response.status})`);
  return body.payment.objectId;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function time(base: string, path: string, cookie: string): Promise<{ first: number[]; full: number[] }> {
  const first: number[] = [];
  const full: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const began = performance.now();
    const response = await fetch(base + path, { redirect: "manual", headers: { cookie } });
    if (response.status >= 400) throw new Error(`${path} answered ${response.status}`);
    if (response.headers.get("location")?.includes("/sign-in")) throw new Error(`${path} asked for a sign-in: the bench session did not work`);
    const reader = response.body?.getReader();
    let at: number | null = null;
    for (;;) {
      const chunk = await reader?.read();
      at ??= performance.now();
      if (!chunk || chunk.done) break;
    }
    if (i > 0) {
      first.push(at! - began);
      full.push(performance.now() - began);
    }
  }
  return { first: first.sort((a, b) => a - b), full: full.sort((a, b) => a - b) };
}

/** The href of the page's rel="next" link (the keyset link a user follows). */
async function nextLink(base: string, path: string, cookie: string): Promise<string> {
  const html = await (await fetch(base + path, { headers: { cookie } })).text();
  const match = /<a[^>]*href="([^"]+)"[^>]*rel="next"|<a[^>]*rel="next"[^>]*href="([^"]+)"/.exec(html);
  if (!match) throw new Error(`${path} has no rel="next" link`);
  return (match[1] ?? match[2]!).replaceAll("&amp;", "&");
}

export async function measureReads(server: RunningServer, url: string, kind: string, count: number): Promise<void> {
  const base = server.base;
  const cookie = await signInCookie(base);
  const db = await sample(url);
  const big = await bigPayment(base);
  const pages = Math.ceil(count / 50);
  const middle = Math.ceil(pages / 2);
  const today = new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
  const twoYearsAgo = new Date(Date.now() + 330 * 60_000 - 2 * 365 * 86_400_000 - 86_400_000).toISOString().slice(0, 10);
  const reads: [string, string | (() => Promise<string>), number | null][] = [
    ["UTR exact (redirect to the payment)", `/payments?utr=${db.utr.toLowerCase()}`, 50],
    ["UTR partial (candidates)", `/payments?utr=${db.utr.slice(0, 9)}`, 50],
    ["list, first page", "/payments", 100],
    ["list, middle page by its Next link (keyset)", () => nextLink(base, `/payments?page=${middle - 1}`, cookie), 100],
    ["list, middle page by number", `/payments?page=${middle}`, 100],
    ["list, last page", `/payments?page=${pages}`, 100],
    ["list, largest amounts", "/payments?sort=amount", 100],
    ["list, smallest amounts", "/payments?sort=amount&dir=asc", 100],
    ["failures view (newest)", "/payments?result=failure", 100],
    ["filter: succeeded", "/payments?result=success", 100],
    ["filter: error code E2003", "/payments?errorCd=E2003", 100],
    ["filter: mode UPI", "/payments?mode=UPI", 100],
    ["filter: type OFFPLATFORM", "/payments?type=OFFPLATFORM", 100],
    ["filter: one supplier", "/payments?supplier=SUPPLIER42", 100],
    ["filter: one buyer", "/payments?buyer=BUYER7", 100],
    ["filter: one month (IST)", "/payments?from=2025-06-01&to=2025-06-30", 100],
    ["filter: amount ₹10,000–₹20,000", "/payments?min=10000&max=20000", 100],
    ["filter: has warnings", "/payments?warnings=1", 100],
    ["filter: amounts do not add up", "/payments?integrity=1", 100],
    ["a 300-invoice payment", `/payments/${big}`, 100],
    ["bulk lookup of 500 UTRs", `/payments/lookup?utrs=${encodeURIComponent(db.utrs.join("\n"))}`, 300],
    ["overview, today", "/overview", 150],
    ["overview, this FY", "/overview?period=fy", 150],
    ["overview, two years (all payments)", `/overview?from=${twoYearsAgo}&to=${today}`, 150],
    ["supplier page", "/suppliers/SUPPLIER42", null],
    ["buyer page (~20,000 payments)", "/buyers/BUYER7", null],
  ];
  console.log(`\n### Reads, ${kind}, ${count.toLocaleString("en-IN")} payments (${RUNS} sequential requests each, after a warm-up)\n`);
  console.log("| read | first byte p50 / p95 ms | full p50 / p95 ms | target (first byte p95) |");
  console.log("|---|---|---|---|");
  for (const [name, target, limit] of reads) {
    process.stderr.write(`${name}…\n`);
    const path = typeof target === "string" ? target : await target();
    const { first, full } = await time(base, path, cookie);
    const verdict = limit === null ? "–" : `${pct(first, 95) <= limit ? "✓" : "✗"} ≤ ${limit}`;
    console.log(`| ${name} | ${pct(first, 50).toFixed(0)} / ${pct(first, 95).toFixed(0)} | ${pct(full, 50).toFixed(0)} / ${pct(full, 95).toFixed(0)} | ${verdict} |`);
  }
  await exportThroughput(server, cookie);
}

/** One CSV export of every payment, read to the end, with the server's peak memory. */
async function exportThroughput(server: RunningServer, cookie: string): Promise<void> {
  const pid = server.process.pid!;
  const rest = rssMb(pid);
  let peak = rest;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  const began = performance.now();
  const response = await fetch(`${server.base}/payments/export.csv`, { headers: { cookie } });
  if (!response.ok || !response.body) throw new Error(`the export answered ${response.status}`);
  let lines = 0;
  let bytes = 0;
  let shown = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    // indexOf, not a loop over every byte: the client shares the two cores with the server.
    for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines++;
    if (performance.now() - shown > 1000) {
      shown = performance.now();
      process.stderr.write(`\rexport: ${(bytes / 1_048_576).toFixed(0)} MB`);
    }
  }
  clearInterval(sampler);
  process.stderr.write("\n");
  const seconds = (performance.now() - began) / 1000;
  const rows = lines - 1;
  console.log(`\nExport, CSV of every payment: ${rows.toLocaleString("en-IN")} rows, ${(bytes / 1_048_576).toFixed(0)} MB in ${seconds.toFixed(1)} s = **${Math.round(rows / seconds).toLocaleString("en-IN")} rows/s** (target ≥ 20,000); server RSS ${rest.toFixed(0)} MB at rest, ${peak.toFixed(0)} MB peak.`);
}
