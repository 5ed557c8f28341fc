// Group commit on SQLite: the deliveries that are ready in one turn of the event loop are written in
// one transaction, each inside its own savepoint, and each is acknowledged only after COMMIT has
// returned (synchronous = FULL: the WAL is fsynced). One fsync and one BEGIN/COMMIT are shared by
// the whole batch, and every statement is a prepared better-sqlite3 statement on a connection of
// the writer's own: no query compiler, no round trips.
//
// A job either stores its delivery or answers PASS: it cannot decide this case cheaply (see
// lib/ingest/fast-store.ts), and its savepoint is rolled back so that the tested path (Prisma, one
// transaction per delivery) stores it instead. A job that throws is rolled back the same way: one
// bad item never fails its neighbours. If the batch itself cannot start (the database is held by
// another writer for longer than SQLITE_BUSY_TIMEOUT_MS, or cannot be opened) its jobs are rejected
// with the database's error (503); if it cannot commit, nothing of it is on disk and every job in it
// passes to the per-delivery path, which meets the same error on its own or stores the delivery.
//
// The whole batch runs synchronously, so it never holds SQLite's write lock across an await: a
// transaction of the per-delivery path, which does, simply makes the batch wait (busy, retried on a
// timer, never a blocking busy-wait). Batches are bounded in items and time so that one batch never
// holds the event loop for long.
import Database from "better-sqlite3";
import { PASS, settleBatch, type Pass, type WriterStats } from "./script";

/** One delivery's work inside the batch's transaction. Must be synchronous. */
export type Job<T> = () => T | Pass;

interface Queued {
  job: Job<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface WriterOptions {
  /** How long a batch waits for another writer's lock before its jobs are rejected (SQLITE_BUSY_TIMEOUT_MS). */
  busyTimeoutMs: number;
  /** Called after each job inside the transaction, before COMMIT (tests use it to crash mid-batch). */
  afterJob?: (index: number) => void;
}

/** Jobs per transaction at most, and the time a batch may keep the event loop. */
const MAX_BATCH = 128;
const MAX_BATCH_MS = 25;
/** Between two attempts to start a batch while another writer holds the database. */
const BUSY_RETRY_MS = 2;

export class SqliteGroupWriter {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Queued[] = [];
  private scheduled = false;
  private busySince: number | null = null;
  private closed = false;
  readonly stats: WriterStats = { batches: 0, jobs: 0, passed: 0, largestBatch: 0 };

  constructor(
    file: string,
    readonly options: WriterOptions,
  ) {
    // timeout 0: a held lock is reported at once and retried on a timer (see above).
    this.db = new Database(file, { timeout: 0, fileMustExist: true });
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("foreign_keys = ON");
  }

  /** Jobs waiting for the next batch. */
  get queued(): number {
    return this.queue.length;
  }

  /** A prepared statement, kept for the life of the connection. */
  statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /**
   * Runs the job in the next batch: resolves after that batch committed (or with PASS), rejects when
   * the database could not be written at all.
   */
  submit<T>(job: Job<T>): Promise<T | Pass> {
    if (this.closed) return Promise.resolve(PASS);
    return new Promise((resolve, reject) => {
      this.queue.push({ job: job as Job<unknown>, resolve: resolve as (value: unknown) => void, reject });
      this.schedule(0);
    });
  }

  private schedule(delayMs: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.flush();
    };
    if (delayMs > 0) setTimeout(run, delayMs);
    else setImmediate(run);
  }

  private flush(): void {
    if (this.queue.length === 0) return;
    if (!this.begin()) return;
    const started = Date.now();
    const batch: Queued[] = [];
    const results: unknown[] = [];
    try {
      while (this.queue.length > 0 && batch.length < MAX_BATCH && Date.now() - started < MAX_BATCH_MS) {
        const item = this.queue.shift()!;
        batch.push(item);
        results.push(this.runJob(item.job, batch.length - 1));
      }
      this.statement("COMMIT").run();
    } catch {
      // Nothing of the batch is on disk: each delivery is stored (or refused) by the per-delivery path.
      this.rollback();
      results.length = 0;
    }
    settleBatch(this.stats, batch, results);
    if (this.queue.length > 0) this.schedule(0);
  }

  /**
   * BEGIN IMMEDIATE, or false: another writer holds the database (the batch is retried on a timer),
   * or held it for longer than the busy timeout or cannot be written (every waiting job is rejected
   * with SQLite's error: the database is unavailable, as the per-delivery path would find it too).
   */
  private begin(): boolean {
    try {
      this.statement("BEGIN IMMEDIATE").run();
      this.busySince = null;
      return true;
    } catch (error) {
      const now = Date.now();
      this.busySince ??= now;
      const busy = (error as { code?: string }).code?.startsWith("SQLITE_BUSY");
      if (busy && now - this.busySince < this.options.busyTimeoutMs) {
        this.schedule(BUSY_RETRY_MS);
        return false;
      }
      this.busySince = null;
      const waiting = this.queue;
      this.queue = [];
      for (const item of waiting) item.reject(error);
      return false;
    }
  }

  private runJob(job: Job<unknown>, index: number): unknown {
    this.statement("SAVEPOINT job").run();
    let result: unknown;
    try {
      result = job();
    } catch {
      result = PASS;
    }
    if (result === PASS) this.statement("ROLLBACK TO job").run();
    this.statement("RELEASE job").run();
    this.options.afterJob?.(index);
    return result;
  }

  private rollback(): void {
    try {
      if (this.db.inTransaction) this.statement("ROLLBACK").run();
    } catch {
      // Already rolled back by SQLite itself (an I/O error ends the transaction).
    }
  }

  /** Lets queued jobs pass to the per-delivery path and closes the connection. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const item of this.queue) item.resolve(PASS);
    this.queue = [];
    this.rollback();
    this.db.close();
  }
}
