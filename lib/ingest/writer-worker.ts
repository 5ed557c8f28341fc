// The group-commit writer on a thread of its own, started by lib/ingest/writer-thread.ts: it
// receives deliveries the server's thread has read, writes them in batches exactly as on the
// server's thread (lib/ingest/group-writer.ts) and answers each after its batch committed.
import { parentPort, workerData } from "node:worker_threads";
import { databaseConfig } from "../config";
import { openLocalWriter, storeInBatch, type LocalWriter } from "./group-writer";
import { PASS } from "./script";
import { SqliteGroupWriter } from "./sqlite-writer";
import { COUNTER, describeError, type FromWriter, type ToWriter, type WriterData } from "./writer-protocol";

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
