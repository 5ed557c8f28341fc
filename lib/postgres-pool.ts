// The app's PostgreSQL connection pool, bounded on the client side (RELIABILITY.md → Partitions).
//
// The server enforces statement_timeout, but it cannot enforce anything it never hears about: in a
// network partition (connections accepted, nothing forwarded) a query waits for TCP to give up,
// which takes a quarter of an hour. So every interaction has a client-side bound too:
//   connect and pool acquire   DATABASE_CONNECT_TIMEOUT_MS
//   each query                 DATABASE_STATEMENT_TIMEOUT_MS + 1 s (the server's cancel comes first)
//   an idle or silent socket   TCP keepalive, and the server ends transactions left idle
// and a connection that timed out or failed is destroyed, not returned to the pool: its socket
// may still carry an unanswered query, and everything queued behind it would wait forever. When
// one goes silent, the idle connections are ended too: they crossed the same partition.
import pg from "pg";
import type { DatabaseConfig } from "./config";
import { isBrokenConnection, isSilentConnection } from "./connection-errors";
import { logEvent } from "./log";

/** How much longer than the server's statement_timeout the client waits for an answer. */
export const CLIENT_GRACE_MS = 1_000;

type GuardedClient = pg.PoolClient & { paymentsDeskGuarded?: true };

/** Ends a client's socket at once (end() would wait for a peer that may never answer). */
function destroySocket(client: pg.PoolClient): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

/**
 * Destroys a client's socket when one of its queries fails in a way that leaves it unusable;
 * `onSilent` runs when the database went silent on it (the connections idle beside it crossed the
 * same partition).
 */
function guard(client: GuardedClient, onSilent: () => void): void {
  if (client.paymentsDeskGuarded) return;
  client.paymentsDeskGuarded = true;
  // A socket error while the client is checked out is also emitted here: without a listener it
  // would be an uncaught exception. The pool drops the client when it is released.
  client.on("error", (error) => logEvent("warn", "database.connection_error", { cause: error.message }));
  const drop = (error: unknown) => {
    if (!isBrokenConnection(error)) return;
    logEvent("warn", "database.connection_dropped", { cause: error instanceof Error ? error.message : String(error) });
    // The client stops being queryable and the pool evicts it on release.
    destroySocket(client);
    if (isSilentConnection(error)) onSilent();
  };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // pg calls back (pool.query) or returns a promise (transactions): both are watched.
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (error: unknown, result: unknown) => {
        if (error) drop(error);
        (callback as (e: unknown, r: unknown) => void)(error, result);
      };
    }
    const result = query(...args);
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        drop(error);
        throw error;
      });
    }
    return result;
  };
}

/**
 * pipeline: statements are sent without waiting for the previous answer (the group-commit writer,
 * lib/ingest/script.ts → runOnPostgres); answers still come back in order.
 */
export function createPostgresPool(connectionString: string, config: DatabaseConfig, { pipeline = false }: { pipeline?: boolean } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    pipeline,
    max: config.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
    query_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS + CLIENT_GRACE_MS,
    statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    lock_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    // The server rolls back a transaction whose client went silent (a partition mid-transaction),
    // so its row locks do not outlive it.
    idle_in_transaction_session_timeout: config.DATABASE_TRANSACTION_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // The idle clients, so that a partition found on one connection ends the others too: otherwise
  // each would be found only by the request that next takes it, after a whole query bound, one by
  // one once the network is back (the pool hands out its most recently used client first).
  const idle = new Set<pg.PoolClient>();
  pool.on("release", (_error: Error | undefined, client: pg.PoolClient) => idle.add(client));
  pool.on("acquire", (client) => idle.delete(client));
  pool.on("remove", (client) => idle.delete(client));
  const dropIdle = () => {
    for (const client of idle) destroySocket(client);
    idle.clear();
  };
  pool.on("connect", (client) => guard(client as GuardedClient, dropIdle));
  // An idle client whose socket fails: the pool has already removed it.
  pool.on("error", (error) => logEvent("warn", "database.idle_connection_error", { cause: error.message }));
  return pool;
}
