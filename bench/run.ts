// `npm run bench`: the performance figures of BENCHMARKS.md in one command, on a production build.
//   npm run bench                                   both databases, ingest and reads
//   npm run bench -- --db sqlite --only ingest      one database, one part
//   options: --seconds 15 (each load run), --count 1000000 (payments for the reads)
// For each database it prints:
//   - ingest: the bare-route echo ceiling, the raw-driver ceiling and our webhook throughput under
//     the same load (autocannon, 32 connections, 10 % repeats and 5 % updates), with the ratios;
//     the three take turns in slices, so that a drift of the machine's speed meets all of them;
//   - reads at --count payments: time to first byte and full response, p50 and p95, for each page.
// PostgreSQL: BENCH_POSTGRES_URL names the server (default postgresql://postgres@127.0.0.1:5432/postgres);
// the bench creates its own databases there (payments_desk_bench*). SQLite files go to ./data/.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { canConnect, dropDatabase, ensureDatabase, withDatabase } from "../lib/postgres-admin";
import { postgresCeiling, sqliteCeiling } from "./ceilings";
import { loadAlternating, rssMb, webhookMix } from "./ingest-load";
import { measureReads } from "./reads";
import { startServer } from "./server";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    only: { type: "string" },
    seconds: { type: "string", default: "15" },
    count: { type: "string", default: "1000000" },
  },
});
const seconds = Number(values.seconds);
const count = Number(values.count);
const CONNECTIONS = 32;
/** The echo ceiling and our webhooks take turns in this many slices (bench/ingest-load.ts → loadAlternating). */
const SLICES = 5;
const PORT = Number(process.env.BENCH_PORT ?? 3301);
const pgServer = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

type Kind = "sqlite" | "postgresql";

const say = (line: string) => process.stderr.write(`${line}\n`);

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
}

/** A fresh, migrated database for `name` (its old file or database removed first). */
async function freshDatabase(kind: Kind, name: string): Promise<string> {
  let url: string;
  if (kind === "sqlite") {
    const file = `./data/${name}.db`;
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    url = `file:${file}`;
  } else {
    url = withDatabase(pgServer, name.replaceAll("-", "_"));
    await dropDatabase(url);
    await ensureDatabase(url);
  }
  run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/migrate.ts"], { DATABASE_URL: url });
  return url;
}

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : "–");

async function benchIngest(kind: Kind): Promise<void> {
  const rawUrl = await freshDatabase(kind, "payments-desk-bench-raw");
  // The raw-driver ceiling takes its turn in every round of slices too, with the server idle.
  const rawSlices: number[] = [];
  const rawSlice = async (sliceSeconds: number) => {
    rawSlices.push(kind === "sqlite" ? sqliteCeiling(rawUrl.slice("file:".length), sliceSeconds) : await postgresCeiling(rawUrl, sliceSeconds));
  };

  const url = await freshDatabase(kind, "payments-desk-bench-ingest");
  const server = await startServer(PORT, { env: { DATABASE_URL: url, BENCH_ECHO: "1" } });
  const pid = server.process.pid!;
  try {
    const rest = Math.round(rssMb(pid));
    say(`[${kind}] the raw-driver ceiling, the bare-route echo ceiling and our webhooks (85 % new payments, 10 % repeats, 5 % updates), alternating in ${SLICES} slices (${seconds} s each)`);
    const mix = webhookMix();
    const [echo, ours] = await loadAlternating(
      server.base,
      [
        { path: "/api/bench/echo", body: webhookMix().next },
        { path: "/api/v0/payment/resp-pay", body: mix.next },
      ],
      { pid, seconds, connections: CONNECTIONS, slices: SLICES, warmup: 3, before: rawSlice },
    );
    const raw = Math.round(rawSlices.reduce((a, b) => a + b, 0) / rawSlices.length);
    console.log(`\n### Ingest, ${kind} (${os.cpus().length} cores, ${CONNECTIONS} connections, ${seconds} s each in ${SLICES} alternating slices)\n`);
    console.log("| what | webhooks/s | p50 ms | p99 ms | errors / non-2xx | server RSS MB (peak) | ours as a share |");
    console.log("|---|---|---|---|---|---|---|");
    console.log(`| bare-route echo (parses, stores nothing) | ${echo.perSecond} | ${echo.p50} | ${echo.p99} | ${echo.errors} / ${echo.non2xx} | ${echo.peakRssMb} | ${ratio(ours.perSecond, echo.perSecond)} × echo |`);
    console.log(`| raw ${kind === "sqlite" ? "better-sqlite3, WAL, synchronous FULL" : "pg, 16 connections"}, one transaction per webhook, no HTTP | ${raw} | – | – | – | – | ${ratio(ours.perSecond, raw)} × raw |`);
    console.log(`| **Payments Desk** (${mix.counts.new} new, ${mix.counts.duplicate} repeats, ${mix.counts.update} updates incl. warm-up) | **${ours.perSecond}** | ${ours.p50} | ${ours.p99} | ${ours.errors} / ${ours.non2xx} | ${ours.peakRssMb} (${rest} at rest) | |`);
  } finally {
    server.stop();
    await server.exited;
  }
}

/** The reads' database: filled once with `count` payments and kept for later runs (./data, payments_desk_bench). */
async function filledDatabase(kind: Kind): Promise<string> {
  const url = kind === "sqlite" ? "file:./data/payments-desk-bench.db" : withDatabase(pgServer, "payments_desk_bench");
  const marker = await payments(url);
  // Each run adds one payment of 300 invoices (bench/reads.ts).
  if (marker !== null && marker >= count && marker < count + 1000) {
    run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/migrate.ts"], { DATABASE_URL: url });
    return url;
  }
  say(`\n[${kind}] filling ${count.toLocaleString("en-IN")} payments (kept in ${kind === "sqlite" ? "./data/payments-desk-bench.db" : "payments_desk_bench"} for the next run)…`);
  await freshDatabase(kind, "payments-desk-bench");
  const result = spawnSync(process.execPath, ["--import", "tsx", "bench/fill-payments.ts", "--count", String(count)], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DATABASE_URL: url } });
  if (result.status !== 0) throw new Error("bench/fill-payments.ts failed");
  return url;
}

/** Payments in a bench database filled by bench/fill-payments.ts (null: none yet). */
async function payments(url: string): Promise<number | null> {
  const probe = spawnSync(process.execPath, ["--import", "tsx", "bench/fill-payments.ts", "--probe"], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  const n = Number(probe.stdout.trim());
  return probe.status === 0 && Number.isFinite(n) ? n : null;
}

async function benchReads(kind: Kind): Promise<void> {
  const url = await filledDatabase(kind);
  const server = await startServer(PORT, { env: { DATABASE_URL: url } });
  try {
    say(`[${kind}] reads at ${count.toLocaleString("en-IN")} payments`);
    await measureReads(server, url, kind, count);
  } finally {
    server.stop();
    await server.exited;
  }
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) {
    say("No production build: running `npm run build` first…");
    run("npx", ["next", "build"]);
  }
  const kinds: Kind[] = values.db === "both" ? ["sqlite", "postgresql"] : [values.db as Kind];
  if (kinds.includes("postgresql") && !(await canConnect(pgServer))) {
    if (values.db !== "both") throw new Error(`PostgreSQL does not answer at ${pgServer}: start it, or set BENCH_POSTGRES_URL`);
    say(`PostgreSQL does not answer at ${pgServer}: benchmarking SQLite only.`);
    kinds.pop();
  }
  console.log(`# npm run bench, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${os.cpus().length} cores, Node ${process.versions.node}`);
  for (const kind of kinds) {
    if (values.only !== "reads") await benchIngest(kind);
    if (values.only !== "ingest") await benchReads(kind);
  }
}

main().catch((error: unknown) => {
  // fetch's "fetch failed" says nothing without its cause (a refused or reset connection).
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  console.error(error instanceof Error ? `${error.message}${cause}` : error);
  process.exit(1);
});
