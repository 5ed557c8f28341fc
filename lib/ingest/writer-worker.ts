// The group-commit writer on a thread of its own, started by lib/ingest/writer-thread.ts: it
// receives deliveries (whole, or read already), reads them as the server's thread would
// (lib/ingest/ingest.ts → readMessage), writes them in batches exactly as on the server's thread
// (lib/ingest/group-writer.ts) and answers each after its batch committed.
import { parentPort, workerData } from "node:worker_threads";
import { databaseConfig } from "../config";
import { sentFullAccountNumber } from "../signals/fingerprint";
import { FAST_MAX_INVOICES } from "./fast-store";
import { openLocalWriter, storeInBatch, type LocalWriter } from "./group-writer";
import { readMessage, storedResult, strictBlocking, type IncomingDelivery, type IngestOptions } from "./ingest";
import { PASS } from "./script";
import { SqliteGroupWriter } from "./sqlite-writer";
import { COUNTER, describeError, type ErrorDescription, type FromWriter, type IngestAnswer, type ToWriter, type WriterData } from "./writer-protocol";

const port = parentPort!;
const { url, counters: shared } = workerData as WriterData;
const counters = new Int32Array(shared);
const post = (message: FromWriter) => port.postMessage(message);

let writer: LocalWriter;
try {
  writer = openLocalWriter(url, databaseConfig());
} catch (error) {
  // The store then takes the per-delivery path, which meets the same problem or stores the delivery.
  post({ kind: "unavailable", error: describeError(error) });
  port.close();
  throw error;
}

/** The writer's figures as the server reads them, published before each answer. */
function publish(): void {
  const { batches, jobs, passed, largestBatch } = writer.stats;
  counters[COUNTER.batches] = batches;
  counters[COUNTER.jobs] = jobs;
  counters[COUNTER.passed] = passed;
  counters[COUNTER.largestBatch] = largestBatch;
}

function reply(message: FromWriter): void {
  publish();
  Atomics.sub(counters, COUNTER.queued, 1);
  post(message);
}

/**
 * A plain valid message is stored here; anything else is left to the server's thread: a refusal
 * (kept there with its reason), a body with a full account number (its fingerprint key may live in
 * the database), strict mode's refusals, more invoices than a batch carries.
 */
async function ingestHere(incoming: IncomingDelivery, options: IngestOptions): Promise<IngestAnswer<ErrorDescription>> {
  let message;
  try {
    message = await readMessage(incoming, options);
  } catch {
    return { kind: "here" }; // the server's thread meets it again, and answers for it
  }
  if (!message.ok || sentFullAccountNumber(message.sentInvoices) || strictBlocking(message.warnings, options).length > 0) return { kind: "here" };
  if (message.record.invoices.length > FAST_MAX_INVOICES) return { kind: "here" };
  try {
    const stored = await storeInBatch(writer, message.kept.envelope, message.record, message.fingerprint);
    return stored === PASS ? { kind: "pass" } : { kind: "stored", result: storedResult(stored, message.record.reqMsgId, message.warnings.length) };
  } catch (error) {
    return { kind: "failed", error: describeError(error) };
  }
}

port.on("message", (message: ToWriter) => {
  switch (message.kind) {
    case "store": {
      const { id } = message;
      Atomics.add(counters, COUNTER.queued, 1);
      storeInBatch(writer, message.envelope, message.record, message.fingerprint).then(
        (result) => reply({ kind: "stored", id, result: result === PASS ? null : result }),
        (error: unknown) => reply({ kind: "failed", id, error: describeError(error) }),
      );
      break;
    }
    case "ingest": {
      const { id } = message;
      Atomics.add(counters, COUNTER.queued, 1);
      void ingestHere(message.incoming, message.options).then((answer) => reply({ kind: "ingested", id, answer }));
      break;
    }
    case "crashAfterJob":
      // Tests: the whole process is killed inside a batch, before its COMMIT (tests/support/crash-mid-batch.ts).
      if (writer instanceof SqliteGroupWriter) {
        writer.options.afterJob = (index) => {
          if (index === message.index) process.kill(process.pid, "SIGKILL");
        };
      }
      break;
    case "close":
      void Promise.resolve(writer.close()).finally(() => {
        post({ kind: "closed" });
        port.close();
      });
      break;
  }
});
