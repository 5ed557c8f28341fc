// The group-commit writer on a worker thread (the default; INGEST_WRITER_THREAD=off keeps it on the
// server's event loop). The server's thread answers HTTP, authenticates and reads each body (decode,
// mask, validate, build the record); the writer thread runs the batches' statements, so the two
// share the machine's cores instead of taking turns on one (BENCHMARKS.md, issue 13, sixth pass:
// with the webhooks served outside Next's router, reading on the server's thread is the faster split).
//
// The guarantees do not move: a delivery is answered only after the thread reports its batch
// committed. If the thread dies (it is killed, runs out of memory, or cannot open the database),
// every delivery it had not answered is decided on the server's thread, by the per-delivery path,
// which stores it (a batch that had committed makes it a duplicate there) or meets the database's
// error (503); the next delivery starts a new thread.
import { existsSync } from "node:fs";
import path from "node:path";
import { SHARE_ENV, Worker } from "node:worker_threads";
import type { GroupWriter } from "./group-writer";
import type { PaymentRecord } from "./payment-record";
import type { DeliveryEnvelope, StoredDelivery } from "./rows";
import { PASS, type Pass, type WriterStats } from "./script";
import { COUNTER, COUNTERS, errorFrom, type FromWriter, type ToWriter, type WriterData } from "./writer-protocol";

/** The thread's source: loaded with tsx, as `npm start` loads the server (the app runs from its checkout). */
const WORKER_FILE = path.join(process.cwd(), "lib", "ingest", "writer-worker.ts");
/** The thread's heap: the deliveries waiting for a batch and one batch's rows. */
const WORKER_HEAP_MB = 128;
/** Its young generation: small, as what it allocates is short-lived (measured: 25 MB less resident at the same throughput as 16). */
const WORKER_YOUNG_MB = 4;
/** How long closing waits for the thread to let its queue go before it is stopped. */
const CLOSE_TIMEOUT_MS = 5_000;

interface Waiting {
  resolve: (value: StoredDelivery | Pass) => void;
  reject: (error: unknown) => void;
}

/** Whether the writer thread can be started from here (its source is where the server runs). */
export const writerThreadAvailable = () => existsSync(WORKER_FILE);

export class WriterThread implements GroupWriter {
  private readonly worker: Worker;
  private readonly counters: Int32Array;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private ended = false;
  private closed: Promise<void> | null = null;

  /** `onEnd`: the thread has stopped (the store then starts a new one for the next delivery). */
  constructor(url: string, private readonly onEnd: () => void) {
    const counters = new SharedArrayBuffer(COUNTERS * Int32Array.BYTES_PER_ELEMENT);
    this.counters = new Int32Array(counters);
    const boot = `require("tsx/cjs/api").register(); require(${JSON.stringify(WORKER_FILE)});`;
    this.worker = new Worker(boot, {
      eval: true,
      workerData: { url, counters } satisfies WriterData,
      // The server's environment itself, not a copy: configuration read per call stays one.
      env: SHARE_ENV,
      execArgv: ["--conditions=react-server"],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    // Held open only while a delivery waits for it.
    this.worker.unref();
    this.worker.on("message", (message: FromWriter) => this.receive(message));
    this.worker.on("error", () => this.end());
    this.worker.on("exit", () => this.end());
  }

  get stats(): WriterStats {
    const c = this.counters;
    return { batches: c[COUNTER.batches]!, jobs: c[COUNTER.jobs]!, passed: c[COUNTER.passed]!, largestBatch: c[COUNTER.largestBatch]! };
  }

  get queued(): number {
    return Atomics.load(this.counters, COUNTER.queued);
  }

  store(envelope: DeliveryEnvelope, record: PaymentRecord, fingerprint: string): Promise<StoredDelivery | Pass> {
    if (this.ended || this.closed) return Promise.resolve(PASS);
    return new Promise((resolve, reject) => {
      const id = this.wait({ resolve, reject });
      this.send({ kind: "store", id, envelope, record, fingerprint });
    });
  }

  private wait(waiting: Waiting): number {
    if (this.waiting.size === 0) this.worker.ref();
    const id = this.nextId++;
    this.waiting.set(id, waiting);
    return id;
  }

  /** Stops the thread at once, as a crash would (tests): what it had not answered is decided on the server's thread. */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  /** Tests: the process is killed after job `index` of the next batch, before its COMMIT. */
  crashAfterJob(index: number): void {
    this.send({ kind: "crashAfterJob", index });
  }

  /** Lets the waiting deliveries pass to the per-delivery path and stops the thread. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      if (this.ended) return resolve();
      const timer = setTimeout(() => void this.worker.terminate(), CLOSE_TIMEOUT_MS);
      this.worker.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.ref();
      this.send({ kind: "close" });
    });
    return this.closed;
  }

  private send(message: ToWriter): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWriter): void {
    switch (message.kind) {
      case "stored": {
        this.settle(message.id)?.resolve(message.result ?? PASS);
        break;
      }
      case "failed": {
        this.settle(message.id)?.reject(errorFrom(message.error));
        break;
      }
      case "unavailable":
      case "closed":
        this.end();
        break;
    }
  }

  private settle(id: number): Waiting | undefined {
    const waiting = this.waiting.get(id);
    this.waiting.delete(id);
    if (this.waiting.size === 0 && !this.closed) this.worker.unref();
    return waiting;
  }

  /** The thread stopped: what it had not answered is stored by the per-delivery path. */
  private end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const waiting of this.waiting.values()) waiting.resolve(PASS);
    this.waiting.clear();
    this.onEnd();
  }
}
