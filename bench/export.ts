// Times exports of growing views on a filled database, with the server's peak memory, against a
// production build (`npm run build` first; bench/fill-payments.ts fills the database).
//   DATABASE_URL=file:./data/bench.db npx tsx bench/export.ts       (BENCH_ONLY=Excel: those runs only)
// Each export is read to the end as a browser would; the server's resident memory (VmRSS) is
// sampled every 20 ms while it runs. Memory that stays flat as the rows grow is the point.
import { readFileSync } from "node:fs";
import { databaseKind, databaseUrl } from "../lib/database-url";
import { signInCookie, startServer } from "./server";

const port = Number(process.env.BENCH_PORT ?? 3301);
const DAY = 86_400_000;
const istDay = (ms: number) => new Date(ms + 330 * 60_000).toISOString().slice(0, 10);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function main() {
  const server = await startServer(port);
  const pid = server.process.pid!;
  try {
    const cookie = await signInCookie(server.base);
    const now = Date.now();
    // bench/fill-payments spreads 1 M payments evenly over the last two years.
    const span = (days: number) => `from=${istDay(now - days * DAY)}&to=${istDay(now)}`;
    const runs: [string, string][] = [
      ["CSV, 3 months (~125 k)", `/payments/export.csv?${span(91)}`],
      ["CSV, 1 year (~500 k)", `/payments/export.csv?${span(365)}`],
      ["CSV, everything (1 M)", "/payments/export.csv"],
      ["CSV, invoice level, 3 months (~125 k invoices)", `/payments/export.csv?level=invoices&${span(91)}`],
      ["Excel, 3 months (~125 k)", `/payments/export.xlsx?${span(91)}`],
      ["Excel, 1 year (~500 k)", `/payments/export.xlsx?${span(365)}`],
      ["Excel, everything (1 M)", "/payments/export.xlsx"],
    ];
    // BENCH_ONLY=Excel runs the exports whose name contains it.
    const only = process.env.BENCH_ONLY;
    if (only) runs.splice(0, runs.length, ...runs.filter(([name]) => name.includes(only)));
    console.log(`${databaseKind(databaseUrl())}; server RSS at rest ${rssMb(pid).toFixed(0)} MB\n`);
    console.log("| export | rows | seconds | rows/s | MB | peak server RSS MB |\n|---|---|---|---|---|---|");
    for (const [name, path] of runs) {
      let peak = rssMb(pid);
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
      const began = performance.now();
      const response = await fetch(server.base + path, { headers: { cookie } });
      if (!response.ok || !response.body) throw new Error(`${path} answered ${response.status}`);
      let bytes = 0;
      let newlines = 0;
      const csv = path.includes(".csv");
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        // indexOf, not a loop over every byte: the client shares the two cores with the server.
        if (csv) for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) newlines++;
        process.stderr.write(`\r${name}: ${(bytes / 1_048_576).toFixed(0)} MB`);
      }
      const seconds = (performance.now() - began) / 1000;
      clearInterval(sampler);
      process.stderr.write("\r\x1b[K");
      // Rows: lines of the CSV less its header; for Excel, the audit's count is not kept, so the
      // rows are those of the same view's CSV run above it.
      const rows = csv ? newlines - 1 : Number.NaN;
      console.log(`| ${name} | ${csv ? rows.toLocaleString("en-IN") : "as CSV"} | ${seconds.toFixed(1)} | ${csv ? Math.round(rows / seconds).toLocaleString("en-IN") : "–"} | ${(bytes / 1_048_576).toFixed(0)} | ${peak.toFixed(0)} |`);
    }
  } finally {
    server.stop();
  }
}

void main();
