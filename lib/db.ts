// The one database client of the app. Server-only: pages and routes reach the database
// through lib/ functions, never by building queries themselves.
import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseKind, databaseUrl } from "./database-url";

function createClient(): PrismaClient {
  const url = databaseUrl();
  const kind = databaseKind(url);
  if (kind !== "sqlite") {
    throw new Error("PostgreSQL support is not built yet: set DATABASE_URL to a file: URL");
  }
  // timeout: how long a write waits for another process's lock (a seed run, a migration).
  const timeout = Number(process.env.SQLITE_BUSY_TIMEOUT_MS ?? 10_000);
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout }) });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.prisma ?? createClient();
// Survive hot reloads in `next dev` without opening a new connection each time.
if (process.env.NODE_ENV === "development") globalForPrisma.prisma = prisma;

/**
 * Per-connection settings, applied once before the first write. SQLite: an answer of 200
 * promises the payment is on disk, so WAL commits are fsynced (synchronous = FULL).
 */
let ready: Promise<void> | undefined;

export function databaseReady(): Promise<void> {
  ready ??= prisma.$executeRawUnsafe("PRAGMA synchronous = FULL").then(
    () => undefined,
    (error: unknown) => {
      ready = undefined; // try again on the next request
      throw error;
    },
  );
  return ready;
}
