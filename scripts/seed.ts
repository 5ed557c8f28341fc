// Demo data: realistic payments sent through the same ingest code as the webhook.
//   npm run seed                      1,500 payments over 6 months
//   npm run seed -- --count 20000 --months 12 --seed 7
// Re-running with the same seed adds nothing new: every message is a duplicate of itself.
import { parseArgs } from "node:util";
import { generateDemoMessages } from "../lib/demo/generate-payments";
import { ingestPaymentResponse, StorageUnavailableError } from "../lib/ingest/ingest";
import { describeStorageError } from "../lib/ingest/errors";
import { disconnectDatabase } from "../lib/db";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "1500" },
    months: { type: "string", default: "6" },
    seed: { type: "string", default: "20251125" },
  },
});
const count = Number(values.count);
const months = Number(values.months);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isFinite(months) || months <= 0 || !Number.isInteger(seed)) {
  console.error("Usage: npm run seed -- [--count N] [--months M] [--seed S]   (N ≥ 1 payments over M > 0 months)");
  process.exit(2);
}

const encoder = new TextEncoder();
const outcomes = new Map<string, number>();
const started = Date.now();
let payments = 0;

function progress(final = false) {
  const width = 30;
  const done = Math.round((payments / count) * width);
  const rate = Math.round(payments / Math.max(0.001, (Date.now() - started) / 1000));
  process.stderr.write(`\r[${"#".repeat(done)}${".".repeat(width - done)}] ${payments}/${count} payments, ${rate}/s${final ? "\n" : ""}`);
}

async function main() {
  try {
    for (const message of generateDemoMessages(count, months, seed)) {
      const result = await ingestPaymentResponse(
        { receivedAt: new Date(), sourceIp: "127.0.0.1", headers: { "user-agent": "payments-desk-seed" }, body: encoder.encode(message.text), auth: "seed" },
        { strict: false, maxBodyBytes: 64 * 1024 * 1024 },
      );
      outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1);
      if (message.kind !== "new") continue;
      payments++;
      if (payments % 50 === 0 || payments === count) progress(payments === count);
    }
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${[...outcomes].map(([k, v]) => `${v} ${k}`).join(", ")}.`);
  } catch (error) {
    process.stderr.write("\n");
    if (error instanceof StorageUnavailableError) {
      console.error("Could not write to the database. Run `npm run migrate` first, and check DATABASE_URL.");
      console.error(`(${describeStorageError(error.cause)})`);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  } finally {
    await disconnectDatabase();
  }
}

void main();
