// A child process for tests/group-commit.test.ts: ingests one batch, then a second one during which
// it kills itself (SIGKILL, as a power cut or the OOM killer would) after the third job, before COMMIT.
// It prints "ack <objectId>" for every delivery acknowledged, as the route would answer 200.
//   DATABASE_URL=file:… node --conditions=react-server --import tsx tests/support/crash-mid-batch.ts
import Database from "better-sqlite3";
import { ingestPaymentResponse } from "../../lib/ingest/ingest";
import { groupWriter } from "../../lib/ingest/store";
import type { WriterThread } from "../../lib/ingest/writer-thread";
import { sqliteFilePath } from "../../lib/database-url";
import { freshPayment } from "./webhook";

const options = { strict: false, maxBodyBytes: 1 << 20 };
const ingest = async (body: Record<string, any>) => {
  const result = await ingestPaymentResponse({ receivedAt: new Date(), sourceIp: null, headers: {}, body: new TextEncoder().encode(JSON.stringify(body)), auth: "secret" }, options);
  if (result.httpStatus === 200) process.stdout.write(`ack ${body.payment.objectId} ${result.outcome}\n`);
};

/** Posts the bodies so that they all land in one batch: the database is held until all are queued. */
async function oneBatch(bodies: Record<string, any>[]) {
  const holder = new Database(sqliteFilePath(process.env.DATABASE_URL!));
  holder.exec("BEGIN IMMEDIATE");
  const answers = bodies.map(ingest);
  while (groupWriter()!.queued < bodies.length) await new Promise((r) => setTimeout(r, 2));
  holder.exec("ROLLBACK");
  holder.close();
  await Promise.all(answers);
}

async function main() {
const writer = groupWriter() as WriterThread;
await oneBatch([freshPayment(), freshPayment()]);
process.stdout.write(`batch ${writer.stats.batches}\n`);
const second = Array.from({ length: 5 }, () => freshPayment());
process.stdout.write(`second ${second.map((b) => b.payment.objectId).join(" ")}\n`);
writer.crashAfterJob(2);
await oneBatch(second);
process.stdout.write("not killed\n");
}

void main();
