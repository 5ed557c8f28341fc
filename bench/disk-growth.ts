// Disk used per delivery, for RELIABILITY.md → Retention (run with the react-server condition):
//   DATABASE_URL=file:./data/disk-bench.db npm run migrate
//   DATABASE_URL=file:./data/disk-bench.db npx tsx --conditions=react-server bench/disk-growth.ts [--count 20000]
// Stores `count` new payments (the two-invoice example, as EnKash sends it), then `count` exact
// repeats of them (duplicates), then `count` rejected bodies (one field wrong), measuring the
// database's size after each step, and again after retention removes the duplicate and rejected
// bodies. Prints bytes per delivery and the projection per million.
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";

const { values } = parseArgs({ options: { count: { type: "string", default: "20000" } } });
const count = Number(values.count);

async function main() {
  process.env.LOG_LEVEL = "silent";
  process.env.RETENTION_DAYS = "1";
  const { ingestPaymentResponse } = await import("../lib/ingest/ingest");
  const { prisma, disconnectDatabase } = await import("../lib/db");
  const { databaseKind, sqliteFilePath, databaseUrl } = await import("../lib/database-url");
  const { applyRetention, compactDatabase } = await import("../lib/maintenance/retention");
  const template = readFileSync("tests/fixtures/enkash/resp-pay-success-two-invoices-neft.json", "utf8");
  const url = databaseUrl();
  const size = async (): Promise<number> => {
    if (databaseKind(url) === "sqlite") {
      await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
      return statSync(sqliteFilePath(url)).size;
    }
    await prisma.$executeRawUnsafe("CHECKPOINT");
    const [row] = await prisma.$queryRawUnsafe<{ bytes: bigint }[]>("SELECT pg_database_size(current_database()) AS bytes");
    return Number(row!.bytes);
  };
  const body = (i: number, broken = false) => {
    const b = JSON.parse(template);
    b.payment.objectId = `PMTDISK${i.toString().padStart(10, "0")}`;
    b.resp.reqMsgId = `REQDISK${i}`;
    b.payment.utr = `UTRDISK${i}`;
    if (broken) b.payment.paymentAmount.totalAmount = "not a number";
    return new TextEncoder().encode(JSON.stringify(b));
  };
  const run = async (label: string, make: (i: number) => Uint8Array, receivedAt: Date) => {
    const before = await size();
    for (let i = 0; i < count; i++) {
      await ingestPaymentResponse({ receivedAt, sourceIp: "203.0.113.7", headers: { "content-type": "application/json" }, body: make(i), auth: "secret" }, { strict: false, maxBodyBytes: 1 << 20 });
      if (i % 2000 === 0) process.stderr.write(`\r${label}: ${i.toLocaleString("en-IN")} / ${count.toLocaleString("en-IN")}`);
    }
    const after = await size();
    process.stderr.write("\n");
    console.log(`${label}: ${((after - before) / count).toFixed(0)} bytes per delivery → ${((after - before) / count / 1e3).toFixed(2)} GB per million`);
  };
  const old = new Date(Date.now() - 3 * 86_400_000);
  await run("accepted (new payment, 2 invoices)", (i) => body(i), old);
  await run("duplicate (exact repeat)", (i) => body(i), old);
  await run("rejected (422)", (i) => body(i, true), old);
  const before = await size();
  const result = await applyRetention();
  const after = await size();
  const started = performance.now();
  await compactDatabase();
  const compacted = await size();
  console.log(`retention removed ${result.bodiesRemoved.toLocaleString("en-IN")} bodies: the database went from ${(before / 1e6).toFixed(1)} MB to ${(after / 1e6).toFixed(1)} MB, and to ${(compacted / 1e6).toFixed(1)} MB after VACUUM (${Math.round(performance.now() - started)} ms)`);
  await disconnectDatabase();
}

void main();
