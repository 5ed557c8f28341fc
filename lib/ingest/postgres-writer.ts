// Group commit on PostgreSQL: the deliveries waiting for a writer lane are written in one
// transaction, each inside its own savepoint, and each is acknowledged only after COMMIT returned.
// A few lanes (connections of the writer's own pool) run batches side by side; a payment always
// goes to the same lane (by its objectId), so its messages stay in arrival order and two lanes never
// wait on one payment's row. Locks are those of the per-delivery path (lib/db.ts: the payment's row,
// and the named locks of confirmations and invoices), so lanes, the per-delivery path and other
// instances see each other's work as before.
//
// As on SQLite (lib/ingest/sqlite-writer.ts): a job that answers PASS or fails is rolled back to its
// savepoint and stored by the per-delivery path; a batch that cannot commit passes every job to that
// path, which meets the same error itself (503) or stores the delivery. A lane that cannot get a
// connection, or whose connection went silent mid-batch, rejects its jobs with the error (the
// database is out of reach: 503 at once, not after a second wait on the per-delivery path).
import type pg from "pg";
import { isSilentConnection } from "../connection-errors";
import { failBatch, PASS, settleBatch, type Pass, type WriterStats } from "./script";

export type PostgresJob<T> = (client: pg.PoolClient) => Promise<T | Pass>;

interface Queued {
  job: PostgresJob<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Lane {
  queue: Queued[];
  running: boolean;
}

/** Jobs per transaction at most. */
const MAX_BATCH = 64;

export class PostgresGroupWriter {
  private readonly lanes: Lane[];
  private closed = false;
  readonly stats: WriterStats = { batches: 0, jobs: 0, passed: 0, largestBatch: 0 };

  constructor(
    private readonly pool: pg.Pool,
    laneCount: number,
  ) {
    this.lanes = Array.from({ length: laneCount }, () => ({ queue: [], running: false }));
  }

  /** Jobs waiting for a batch. */
  get queued(): number {
    return this.lanes.reduce((sum, lane) => sum + lane.queue.length, 0);
  }

  /** Runs the job in a batch of its key's lane: resolves after that batch committed (or with PASS). */
  submit<T>(key: string, job: PostgresJob<T>): Promise<T | Pass> {
    if (this.closed) return Promise.resolve(PASS);
    const lane = this.lanes[laneOf(key, this.lanes.length)]!;
    return new Promise((resolve, reject) => {
      lane.queue.push({ job: job as PostgresJob<unknown>, resolve: resolve as (value: unknown) => void, reject });
      // The jobs that arrive in this turn of the event loop join the first batch.
      if (!lane.running) {
        lane.running = true;
        setImmediate(() => void this.drain(lane));
      }
    });
  }

  private async drain(lane: Lane): Promise<void> {
    try {
      while (lane.queue.length > 0) await this.runBatch(lane.queue.splice(0, MAX_BATCH));
    } finally {
      lane.running = false;
    }
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const results: unknown[] = [];
    let failed = false;
    // A query the client gave up waiting for: the connection went silent and the wait is spent.
    let silent: unknown = null;
    const watch = (error: unknown) => {
      if (silent === null && isSilentConnection(error)) silent = error;
    };
    // The statements between two jobs travel together, and are not waited for before the next job
    // begins (the connection is pipelined: they are answered in order). A boundary that failed
    // fails the batch.
    const between = (text: string) => {
      const sent = client.query(text);
      sent.catch(() => undefined); // awaited below; until then not an unhandled rejection
      return sent;
    };
    try {
      let boundary = between("BEGIN; SAVEPOINT job");
      for (const [i, item] of batch.entries()) {
        let result: unknown;
        try {
          result = await item.job(client);
        } catch (error) {
          watch(error);
          result = PASS;
        }
        await boundary;
        if (result === PASS) await client.query("ROLLBACK TO SAVEPOINT job");
        boundary = between(i === batch.length - 1 ? "RELEASE SAVEPOINT job; COMMIT" : "RELEASE SAVEPOINT job; SAVEPOINT job");
        results.push(result);
      }
      await boundary;
    } catch (error) {
      watch(error);
      failed = true;
      await client.query("ROLLBACK").catch(() => undefined);
    } finally {
      // A connection whose batch failed is not reused: it may hold an unanswered statement.
      client.release(failed);
    }
    // The database went silent (a partition): the per-delivery path would most likely wait as long
    // again for no answer, so each job is answered 503 now, and a request keeps the bound of one
    // wait (RELIABILITY.md → Partitions). A connection that failed fast (reset, terminated) still
    // passes its jobs on: a fresh connection may well store them.
    if (silent !== null) failBatch(this.stats, batch, silent);
    else settleBatch(this.stats, batch, failed ? [] : results);
  }

  /** Lets queued jobs pass to the per-delivery path and closes the writer's connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const lane of this.lanes) for (const item of lane.queue.splice(0)) item.resolve(PASS);
    await this.pool.end();
  }
}

function laneOf(key: string, lanes: number): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % lanes;
}
