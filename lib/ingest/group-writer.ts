// The group-commit writer of either database (lib/ingest/sqlite-writer.ts,
// lib/ingest/postgres-writer.ts) and how a delivery is handed to it. Used where the writer runs: on
// its own thread (lib/ingest/writer-worker.ts, the default) or on the server's event loop
// (INGEST_WRITER_THREAD=off).
import type { DatabaseConfig } from "../config";
import { databaseKind, sqliteFilePath } from "../database-url";
import { createPostgresPool } from "../postgres-pool";
import { storeMessageScript } from "./fast-store";
import type { PaymentRecord } from "./payment-record";
import { PostgresGroupWriter } from "./postgres-writer";
import type { DeliveryEnvelope, StoredDelivery } from "./rows";
import { runOnPostgres, runOnSqlite, type Pass, type WriterStats } from "./script";
import { SqliteGroupWriter } from "./sqlite-writer";

/** Writer lanes (connections) on PostgreSQL, besides the pool of DATABASE_POOL_SIZE. */
const POSTGRES_WRITER_LANES = 8;

export type LocalWriter = SqliteGroupWriter | PostgresGroupWriter;

/** What the store sees of a group-commit writer, wherever it runs. */
export interface GroupWriter {
  /** Stores the delivery in a batch; PASS: the per-delivery path must store it. Rejects when the database cannot be written. */
  store(envelope: DeliveryEnvelope, record: PaymentRecord, fingerprint: string): Promise<StoredDelivery | Pass>;
  readonly stats: WriterStats;
  /** Deliveries handed to the writer and not yet answered. */
  readonly queued: number;
  close(): Promise<void>;
}

/** Opens the writer on this thread; throws when the database cannot be opened. */
export function openLocalWriter(url: string, config: DatabaseConfig): LocalWriter {
  return databaseKind(url) === "sqlite"
    ? new SqliteGroupWriter(sqliteFilePath(url), { busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS })
    : new PostgresGroupWriter(createPostgresPool(url, { ...config, DATABASE_POOL_SIZE: POSTGRES_WRITER_LANES }, { pipeline: true }), POSTGRES_WRITER_LANES);
}

/** Hands one delivery to a writer on this thread (lib/ingest/fast-store.ts decides and writes it). */
export function storeInBatch(writer: LocalWriter, envelope: DeliveryEnvelope, record: PaymentRecord, fingerprint: string): Promise<StoredDelivery | Pass> {
  const script = () => storeMessageScript(envelope, record, fingerprint);
  return writer instanceof SqliteGroupWriter
    ? writer.submit(() => runOnSqlite(script(), (text) => writer.statement(text)))
    : writer.submit(record.objectId, (client) => runOnPostgres(script(), client));
}

/** A writer on this thread, as the store sees it. */
export function localGroupWriter(writer: LocalWriter): GroupWriter {
  return {
    store: (envelope, record, fingerprint) => storeInBatch(writer, envelope, record, fingerprint),
    get stats() {
      return writer.stats;
    },
    get queued() {
      return writer.queued;
    },
    close: async () => writer.close(),
  };
}
