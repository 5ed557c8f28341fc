// The database clients of the app. Server-only: pages and routes reach the database through lib/
// functions, never by building queries themselves.
//
// DATABASE_URL chooses the database: file:… → embedded SQLite (default), postgresql://… →
// PostgreSQL. Each provider has its own generated client; both are generated from one schema
// (scripts/db-sync.ts) and a test proves they describe the same model, so the app is typed
// against the SQLite client and the PostgreSQL one is used through the same type.
//
// Two clients: `prisma` writes (the webhook, commands) and `readPrisma` serves the dashboard. On
// SQLite they are two connections, so a page never sees a webhook transaction that has not
// committed (one connection shares its open transaction with every query on it). On PostgreSQL
// the pool already gives each transaction its own connection, and both names are one client.
import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "@/generated/prisma-pg/client";
import { databaseConfig } from "./config";
import { databaseKind, databaseUrl, registerDatabaseCloser } from "./database-url";
import { LOCK_PAYMENT_SQL, NAMED_LOCKS_SQL } from "./lock-sql";
import { createPostgresPool } from "./postgres-pool";

type Clients = { prisma: PrismaClient; readPrisma: PrismaClient };

function createClients(): Clients {
  const url = databaseUrl();
  const config = databaseConfig();
  if (databaseKind(url) === "postgresql") {
    // Bounded on the client side too (lib/postgres-pool.ts): a partition fails in seconds.
    const adapter = new PrismaPg(createPostgresPool(url, config), { disposeExternalPool: true });
    const client = new PgPrismaClient({ adapter }) as unknown as PrismaClient;
    return { prisma: client, readPrisma: client };
  }
  // timeout: how long a write waits for another process's lock (a seed run, a migration).
  return {
    prisma: new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: config.SQLITE_BUSY_TIMEOUT_MS }) }),
    readPrisma: new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: config.SQLITE_BUSY_TIMEOUT_MS }) }),
  };
}

const globalForPrisma = globalThis as unknown as { prismaClients?: Clients };
const clients = globalForPrisma.prismaClients ?? createClients();
// Survive hot reloads in `next dev` without opening new connections each time.
if (process.env.NODE_ENV === "development") globalForPrisma.prismaClients = clients;

/** Writes: the webhook's transactions and the commands. */
export const prisma: PrismaClient = clients.prisma;
/** Reads for pages: never sees an uncommitted write. */
export const readPrisma: PrismaClient = clients.readPrisma;

export async function disconnectDatabase(): Promise<void> {
  await Promise.all([...new Set([prisma, readPrisma])].map((c) => c.$disconnect()));
}

registerDatabaseCloser(disconnectDatabase); // closed by scripts/serve.ts on SIGTERM

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

/**
 * Holds the payment's row until the transaction ends, so that two messages for one payment are
 * decided one after the other. SQLite needs nothing: its write transactions already run one at a
 * time (BEGIN IMMEDIATE). NO KEY UPDATE, not UPDATE: a signal raised on this payment by another
 * payment's transaction (its foreign key takes KEY SHARE) must not wait for this one.
 */
export async function lockPayment(tx: Prisma.TransactionClient, objectId: string): Promise<void> {
  if (databaseKind() !== "postgresql") return;
  await tx.$queryRawUnsafe(LOCK_PAYMENT_SQL, objectId);
}

/**
 * Holds named locks until the transaction ends (PostgreSQL advisory locks, taken in one order by
 * every transaction so that two can never wait on each other). SQLite needs nothing, as above.
 */
export async function lockNames(tx: Prisma.TransactionClient, names: string[]): Promise<void> {
  if (databaseKind() !== "postgresql" || names.length === 0) return;
  await tx.$queryRawUnsafe(NAMED_LOCKS_SQL, names);
}
