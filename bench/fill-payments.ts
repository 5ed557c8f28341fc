// Bulk-loads synthetic payments straight into the database (no webhook path) to measure list
// pages at scale. Payment rows only: lists never read invoices.
//   DATABASE_URL=file:./data/bench.db npx tsx bench/fill-payments.ts --count 1000000
// Run `npm run migrate` against the same DATABASE_URL first.
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { Client } from "pg";
import { databaseKind, databaseUrl, sqliteFilePath } from "../lib/database-url";
import { rng } from "../lib/demo/generate-payments";

const { values } = parseArgs({ options: { count: { type: "string", default: "1000000" } } });
const count = Number(values.count);
const url = databaseUrl();
const r = rng(1);
const MODES = ["NEFT", "NEFT", "NEFT", "IMPS", "UPI", "ACCOUNT TRANSFER", "INTERNET BANKING", "CHEQUE"];
const CODES = ["E2003", "E1001", "E1002", "E3001", "E4002", "E2001", "E1005"];
const COLUMNS = ["objectId", "reqMsgId", "result", "status", "errorCd", "errorDtl", "errorField", "buyerB2BId", "supplierB2BId", "supplierName", "ts", "tsInstant", "tsTrusted", "stateReceivedAt", "occurredAt", "type", "mode", "utr", "utrNormalized", "currency", "netPaidPaise", "netAdjustmentPaise", "totalPaise", "amountCurrency", "invoiceCount", "warnings", "warningCount", "firstReceivedAt", "updatedAt"];
const start = Date.now() - 2 * 365 * 86_400_000;

function row(i: number): unknown[] {
  const at = new Date(start + Math.floor((i / count) * 2 * 365 * 86_400_000));
  const roll = r.next();
  const failed = roll < 0.1;
  const pending = !failed && roll < 0.11;
  const total = BigInt(r.int(1_000, 5_000_000)) * 100n + BigInt(r.int(0, 99));
  const utr = `${r.pick(["HDFC", "ICIC", "SBIN", "UTIB"])}N${r.chars(17, "0123456789")}`;
  const iso = at.toISOString().replace("Z", "+00:00"); // the text form Prisma writes on SQLite
  return [
    `PMT${r.chars(32)}`, r.chars(32), failed ? "FAILURE" : pending ? "PENDING" : "SUCCESS", failed ? "failure" : pending ? "other" : "success",
    failed ? r.pick(CODES) : "", failed ? "Bank rejected the payment" : "", "",
    `BUYER${r.int(1, 50)}`, `SUPPLIER${r.int(1, 5000)}`, `SUPPLIER ${r.int(1, 5000)} PVT LTD`, iso, iso, true, iso, iso, r.next() < 0.8 ? "ONPLATFORM" : "OFFPLATFORM",
    r.pick(MODES), utr, utr, "INR", total, 0n, total, "INR", r.int(1, 10), "[]", r.next() < 0.02 ? 1 : 0, iso, iso,
  ];
}

function progress(done: number) {
  process.stderr.write(`\r${done.toLocaleString("en-IN")} / ${count.toLocaleString("en-IN")} payments`);
}

async function main() {
  const began = Date.now();
  if (databaseKind(url) === "sqlite") {
    const db = new Database(sqliteFilePath(url));
    db.pragma("synchronous = OFF");
    const insert = db.prepare(`INSERT INTO "Payment" (${COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES (${COLUMNS.map(() => "?").join(",")})`);
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(row(i).map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v)));
    });
    for (let i = 0; i < count; i += 20_000) {
      batch(i, Math.min(count, i + 20_000));
      progress(Math.min(count, i + 20_000));
    }
    db.exec("ANALYZE");
    db.close();
  } else {
    const client = new Client({ connectionString: url });
    await client.connect();
    const per = 500;
    for (let i = 0; i < count; i += per) {
      const rows = Array.from({ length: Math.min(per, count - i) }, (_, k) => row(i + k));
      const params = rows.flat().map((v) => (typeof v === "bigint" ? v.toString() : v));
      const tuples = rows.map((_, k) => `(${COLUMNS.map((__, c) => `$${k * COLUMNS.length + c + 1}`).join(",")})`).join(",");
      await client.query(`INSERT INTO "Payment" (${COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${tuples}`, params);
      if ((i / per) % 40 === 0) progress(i + rows.length);
    }
    progress(count);
    // VACUUM sets the visibility map, as autovacuum would in a while: until then every
    // index-only scan also reads the table, and page timings are several times worse.
    process.stderr.write("\nvacuuming and analysing…");
    await client.query('VACUUM (ANALYZE) "Payment"');
    await client.end();
  }
  process.stderr.write(`\ndone in ${((Date.now() - began) / 1000).toFixed(0)} s\n`);
}

void main();
