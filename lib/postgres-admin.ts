// Creating and dropping PostgreSQL databases, for `npm run migrate` and the test suites.
import { Client } from "pg";

/** The server the test suites and `npm run db:migration` make their databases on (TEST_POSTGRES_URL, or the local one). */
export const testPostgresServer = (): string => process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** The same server, connected to its maintenance database. */
function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unsupported PostgreSQL database name "${name}" (letters, digits, _ only)`);
  return name;
}

async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  return withClient(maintenanceUrl(url), async (c) => {
    const found = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return false;
    try {
      await c.query(`CREATE DATABASE "${name}"`);
    } catch (error) {
      // Another instance created it at the same moment (42P04, or 23505 on pg_database's index).
      if (["42P04", "23505"].includes((error as { code?: string }).code ?? "")) return false;
      throw error;
    }
    return true;
  });
}

/**
 * Runs `work` while holding a PostgreSQL advisory lock on the database, so that instances started
 * at once (each running `npm run migrate`) upgrade it one after the other.
 */
export async function withMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  return withClient(url, async (c) => {
    await c.query("SELECT pg_advisory_lock(hashtext('payments-desk:migrate'))");
    try {
      return await work();
    } finally {
      await c.query("SELECT pg_advisory_unlock(hashtext('payments-desk:migrate'))").catch(() => undefined);
    }
  });
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await withClient(maintenanceUrl(url), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function canConnect(url: string): Promise<boolean> {
  try {
    await withClient(maintenanceUrl(url), (c) => c.query("SELECT 1"));
    return true;
  } catch {
    return false;
  }
}

export async function runSql(url: string, sql: string): Promise<void> {
  await withClient(url, (c) => c.query(sql));
}

/** A URL on the same server for another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
