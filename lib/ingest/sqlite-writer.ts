// Group commit on SQLite: the deliveries that are ready in one turn of the event loop are written in
// one transaction, each inside its own savepoint, and each is acknowledged only after COMMIT has
// returned and the WAL holding it has been fsynced. One fsync and one BEGIN/COMMIT are shared by
// the whole batch, and every statement is a prepared better-sqlite3 statement on a connection of
// the writer's own: no query compiler, no round trips.
//
// The fsync is this writer's own, not SQLite's. With synchronous = FULL, SQLite fsyncs the WAL
// inside COMMIT, and the thread waits for the disk (measured: 4 ms a commit, a fifth of the
// writer's time). Here the connection runs synchronous = NORMAL (SQLite still syncs around its
// checkpoints) and the writer fsyncs the WAL file on libuv's thread pool after COMMIT, answering the
// batch's deliveries only when that returns; meanwhile it reads and writes the next batch. A
// delivery acknowledged is on disk exactly as with FULL. What changes is that another connection
// may read a committed batch some milliseconds before it is on disk; a delivery answered from what
// it read (a duplicate of it, say) is acknowledged after a later fsync of the same file, which
// covers it. If the fsync fails, the batch's deliveries are answered 503 (EnKash retries; the
// retry finds them stored, as duplicates).
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
import fs from "node:fs";
import Database from "better-sqlite3";
import { failBatch, PASS, settleBatch, type Pass, type WriterStats } from "./script";

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
  private readonly walFile: string;
  private wal: { fd: number; ino: number } | null = null;
  /** A WAL fsync is running; `unsynced` holds the batches committed since it started. */
  private syncing = false;
  private unsynced: ((error: unknown) => void)[] = [];
  readonly stats: WriterStats = { batches: 0, jobs: 0, passed: 0, largestBatch: 0 };

  constructor(
    file: string,
    readonly options: WriterOptions,
  ) {
    // timeout 0: a held lock is reported at once and retried on a timer (see above).
    this.db = new Database(file, { timeout: 0, fileMustExist: true });
    this.db.pragma("journal_mode = WAL");
    // The WAL is fsynced after each COMMIT by the writer itself (see above).
    this.db.pragma("synchronous = NORMAL");
    this.walFile = `${file}-wal`;
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
    let committed = true;
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
      committed = false;
    }
    if (committed) {
      this.afterSync((error) => {
        if (error) failBatch(this.stats, batch, error);
        else settleBatch(this.stats, batch, results);
      });
    } else {
      settleBatch(this.stats, batch, []);
    }
    if (this.queue.length > 0) this.schedule(0);
  }

  /** Runs `settle` once the WAL, as it is now, is on disk. */
  private afterSync(settle: (error: unknown) => void): void {
    this.unsynced.push(settle);
    if (!this.syncing) this.sync();
  }

  /** One fsync at a time, covering every batch committed before it started. */
  private sync(): void {
    this.syncing = true;
    const settles = this.unsynced;
    this.unsynced = [];
    const done = (error: unknown) => {
      this.syncing = false;
      for (const settle of settles) settle(error);
      if (this.unsynced.length > 0) this.sync();
      else if (this.closed) this.closeWal();
    };
    let fd: number;
    try {
      fd = this.walDescriptor();
    } catch (error) {
      return done(error);
    }
    fs.fsync(fd, (error) => done(error ?? null));
  }

  /** The WAL file, opened once (and again if SQLite has replaced it since). */
  private walDescriptor(): number {
    const ino = fs.statSync(this.walFile).ino;
    if (this.wal?.ino === ino) return this.wal.fd;
    this.closeWal();
    const fd = fs.openSync(this.walFile, "r");
    this.wal = { fd, ino: fs.fstatSync(fd).ino };
    return fd;
  }

  private closeWal(): void {
    if (this.wal) fs.closeSync(this.wal.fd);
    this.wal = null;
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

  /**
   * Lets queued jobs pass to the per-delivery path and closes the connection; resolves once the
   * batches already committed are on disk and answered.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const item of this.queue) item.resolve(PASS);
    this.queue = [];
    this.rollback();
    this.db.close();
    // A running fsync still answers its batches (and those committed after it started), then closes the file.
    if (this.syncing) await new Promise<void>((resolve) => this.unsynced.push(() => resolve()));
    else this.closeWal();
  }
}
