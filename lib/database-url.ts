// Which database DATABASE_URL names. Shared by the app, the Prisma CLI configs and scripts,
// so it must not import anything server-only.

export const DEFAULT_DATABASE_URL = "file:./data/payments-desk.db";

export type DatabaseKind = "sqlite" | "postgresql";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}

export function databaseKind(url: string = databaseUrl()): DatabaseKind {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:") || url === ":memory:") return "sqlite";
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "${url.split(":")[0]}:…"`,
  );
}

/** The SQLite URL (file:…) for the embedded database; relative paths resolve against the cwd. */
export function sqliteUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = databaseUrl(env);
  return databaseKind(url) === "sqlite" ? url : DEFAULT_DATABASE_URL;
}

/** File path of a SQLite URL, e.g. "file:./data/x.db" → "./data/x.db". */
export function sqliteFilePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

// The app's server (scripts/serve.ts) closes the database on SIGTERM. It does not share lib/db.ts
// with the app (Next bundles its own copies), so each copy registers its close here.
const CLOSERS = Symbol.for("payments-desk.database-closers");
const registry = globalThis as unknown as { [CLOSERS]?: Set<() => Promise<void>> };

export function registerDatabaseCloser(close: () => Promise<void>): void {
  (registry[CLOSERS] ??= new Set()).add(close);
}

/** Every registered database close, run together. */
export function databaseClosers(): (() => Promise<void>)[] {
  return [...(registry[CLOSERS] ?? [])];
}
