// Times dashboard pages against a production build (`npm run build` first) on a filled database.
//   DATABASE_URL=file:./data/bench.db npx tsx bench/list-pages.ts
// Starts `next start` on BENCH_PORT (default 3300), fetches each page 1 + 7 times in sequence
// (the first is a warm-up), prints p50 and max of full-response times in milliseconds, and the p50
// of the time to the first body byte. BENCH_ONLY=overview times the pages whose name contains it.
import Database from "better-sqlite3";
import { Client } from "pg";
import { databaseKind, databaseUrl, sqliteFilePath } from "../lib/database-url";
import { signInCookie, startServer } from "./server";

const port = Number(process.env.BENCH_PORT ?? 3300);
const base = `http://127.0.0.1:${port}`;
/** The pages need a signed-in user: the bench administrator's session. */
let cookie = "";
/** The server's output, when BENCH_SERVER_OUTPUT=1 keeps it (LOG_LEVEL sets how much it says). */
let serverLog: (() => string) | null = null;
const url = databaseUrl();

async function sample(): Promise<{ total: number; objectId: string; utr: string }> {
  const sql = 'SELECT (SELECT COUNT(*) FROM "Payment") AS total, "objectId", "utr" FROM "Payment" ORDER BY "id" DESC LIMIT 1';
  if (databaseKind(url) === "sqlite") {
    const db = new Database(sqliteFilePath(url), { readonly: true });
    const row = db.prepare(sql).get() as { total: number; objectId: string; utr: string };
    db.close();
    return row;
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(sql);
  await client.end();
  return { ...rows[0], total: Number(rows[0].total) };
}

/** Full response times and times to the first body byte (streamed pages send their shell first), sorted. */
async function time(path: string): Promise<{ full: number[]; first: number[] }> {
  const full: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < 8; i++) {
    const t = performance.now();
    const response = await fetch(base + path, { redirect: "manual", headers: { cookie } });
    const reader = response.body?.getReader();
    const firstChunk = performance.now();
    let sawFirst = false;
    let at = firstChunk;
    for (;;) {
      const chunk = await reader?.read();
      if (!sawFirst) {
        sawFirst = true;
        at = performance.now();
      }
      if (!chunk || chunk.done) break;
    }
    if (response.status >= 500) throw new Error(`${path} answered ${response.status}${serverLog ? `; the server said:\n${serverLog().slice(-4000)}` : ""}`);
    if (response.headers.get("location")?.includes("/sign-in")) throw new Error(`${path} asked for a sign-in: the bench session did not work`);
    if (i > 0) {
      full.push(performance.now() - t);
      first.push(at - t);
    }
  }
  return { full: full.sort((a, b) => a - b), first: first.sort((a, b) => a - b) };
}

async function main() {
  const { total, objectId, utr } = await sample();
  const last = Math.ceil(total / 50);
  const today = new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
  const twoYearsAgo = new Date(Date.now() + 330 * 60_000 - 2 * 365 * 86_400_000 - 86_400_000).toISOString().slice(0, 10);
  const pages: [string, string][] = [
    ["newest 50 (page 1)", "/payments"],
    ["middle page", `/payments?page=${Math.ceil(last / 2)}`],
    ["last page", `/payments?page=${last}`],
    ["largest amounts", "/payments?sort=amount"],
    ["failures, newest", "/payments?result=failure"],
    ["failures, smallest amount", "/payments?result=failure&sort=amount&dir=asc"],
    ["mode = UPI", "/payments?mode=UPI"],
    ["one supplier", "/payments?supplier=SUPPLIER42"],
    ["one month (IST)", "/payments?from=2025-06-01&to=2025-06-30"],
    ["amount ₹10,000–₹20,000", "/payments?min=10000&max=20000"],
    ["has warnings", "/payments?warnings=1"],
    ["UTR exact (redirect)", `/payments?utr=${utr.toLowerCase()}`],
    ["UTR prefix", `/payments?utr=${utr.slice(0, 9)}`],
    ["payment detail", `/payments/${objectId}`],
    ["supplier search: id prefix (suggestions)", "/api/parties?kind=supplier&q=supplier42"],
    ["supplier search: part of a name", "/api/parties?kind=supplier&q=42%20pvt"],
    ["supplier search: a word in every name", "/api/parties?kind=supplier&q=pvt"],
    ["supplier directory page: a word in every name", "/suppliers?q=pvt"],
    ["supplier page, all time (~200 payments)", "/suppliers/SUPPLIER42"],
    ["supplier page, FY 2025–26", "/suppliers/SUPPLIER42?from=2025-04-01&to=2026-03-31"],
    ["buyer page, all time (~20,000 payments)", "/buyers/BUYER7"],
    ["buyer page, one month", "/buyers/BUYER7?from=2025-06-01&to=2025-06-30"],
    ["delivery log", "/deliveries"],
    ["overview, today", "/overview"],
    ["overview, last 30 days", "/overview?period=30d"],
    ["overview, this FY", "/overview?period=fy"],
    ["overview, last FY (~500,000 payments)", "/overview?period=last-fy"],
    ["overview, two years (custom, all 1 M)", `/overview?from=${twoYearsAgo}&to=${today}`],
  ];
  const keepOutput = process.env.BENCH_SERVER_OUTPUT === "1";
  const server = await startServer(port, { output: keepOutput, env: keepOutput ? { LOG_LEVEL: process.env.LOG_LEVEL ?? "info" } : {} });
  if (keepOutput) serverLog = server.output;
  try {
    cookie = await signInCookie(server.base);
    console.log(`${databaseKind(url)}, ${total.toLocaleString("en-IN")} payments\n`);
    console.log("| page | p50 ms | max ms | first byte p50 ms |\n|---|---|---|---|");
    const only = process.env.BENCH_ONLY;
    for (const [name, path] of pages.filter(([name]) => !only || name.includes(only))) {
      process.stderr.write(`${name}…\r`);
      const { full: t, first } = await time(path);
      console.log(`| ${name} | ${t[Math.floor(t.length / 2)]!.toFixed(0)} | ${t[t.length - 1]!.toFixed(0)} | ${first[Math.floor(first.length / 2)]!.toFixed(0)} |`);
    }
  } finally {
    server.stop();
  }
}

void main();
