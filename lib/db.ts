// The one database client of the app. Server-only: pages and routes reach the database
// through lib/ functions, never by building queries themselves.
//
// DATABASE_URL chooses the database: file:… → embedded SQLite (default), postgresql://… →
// PostgreSQL. Each provider has its own generated client; both are generated from one schema
// (scripts/db-sync.ts) and a test proves they describe the same model, so the app is typed
// against the SQLite client and the PostgreSQL one is used through the same type.
import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "@/generated/prisma-pg/client";
import { databaseConfig } from "./config";
import { databaseKind, databaseUrl } from "./database-url";

function createClient(): PrismaClient {
  const url = databaseUrl();
  const config = databaseConfig();
  if (databaseKind(url) === "postgresql") {
    const adapter = new PrismaPg({
      connectionString: url,
      max: config.DATABASE_POOL_SIZE,
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
      connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
    });
    return new PgPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  // timeout: how long a write waits for another process's lock (a seed run, a migration).
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: config.SQLITE_BUSY_TIMEOUT_MS }) });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.prisma ?? createClient();
// Survive hot reloads in `next dev` without opening a new connection each time.
if (process.env.NODE_ENV === "development") globalForPrisma.prisma = prisma;

let ready: Promise<void> | undefined;

/**
 * Per-connection settings, applied once before the first write. SQLite: an answer of 200
 * promises the payment is on disk, so WAL commits are fsynced (synchronous = FULL).
 * PostgreSQL commits are durable by default; its settings travel with the pool config.
 */
export function databaseReady(): Promise<void> {
  if (databaseKind() !== "sqlite") return Promise.resolve();
  ready ??= prisma.$executeRawUnsafe("PRAGMA synchronous = FULL").then(
    () => undefined,
    (error: unknown) => {
      ready = undefined; // try again on the next request
      throw error;
    },
  );
  return ready;
}
