// Plain rows from a read-only SQL statement, typed by a list of columns, for reads that return many
// rows at once: the export, and the list's keyset pages, which share its query (keysetQuery).
// Prisma's query path costs more than the query: exporting a million payments on SQLite, the client
// runtime, its query compiler and the adapter's per-query `prepare` took 36 % of the server's time
// against 16 % for SQLite itself (BENCHMARKS.md, issue 13).
//   SQLite:     a connection of these reads' own (query_only), each statement prepared once and
//               kept, integers read exactly (bigint).
//   PostgreSQL: readPrisma.$queryRaw, on the app's pool.
// Either way the same SQL runs, and each row comes back with the same JavaScript types.
import "server-only";
import Database from "better-sqlite3";
import type { Prisma } from "@/generated/prisma/client";
import { databaseConfig } from "./config";
import { databaseKind, databaseUrl, registerDatabaseCloser, sqliteFilePath } from "./database-url";
import { readPrisma } from "./db";

/** A column's type as the caller reads it; one ending in "?" may be null. */
export type ColumnType = "text" | "text?" | "int" | "int?" | "bigint" | "bigint?" | "date" | "boolean";
type ValueOf<T extends ColumnType> = {
  text: string; "text?": string | null; int: number; "int?": number | null; bigint: bigint; "bigint?": bigint | null; date: Date; boolean: boolean;
}[T];
export type RowOf<C extends Record<string, ColumnType>> = { [K in keyof C]: ValueOf<C[K]> };

/** Statements kept prepared at most: an export's few shapes of query, for every view exported. */
const MAX_STATEMENTS = 64;

let reader: { db: Database.Database; statements: Map<string, Database.Statement> } | undefined;

function sqliteReader(): NonNullable<typeof reader> {
  if (!reader) {
    const db = new Database(sqliteFilePath(databaseUrl()), { fileMustExist: true, timeout: databaseConfig().SQLITE_BUSY_TIMEOUT_MS });
    db.pragma("query_only = ON");
    reader = { db, statements: new Map() };
  }
  return reader;
}

registerDatabaseCloser(async () => {
  reader?.db.close();
  reader = undefined;
});

function prepared(sql: string): Database.Statement {
  const { db, statements } = sqliteReader();
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql).safeIntegers(true);
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
    statements.set(sql, statement);
  }
  return statement;
}

/** A value bound as Prisma's SQLite adapter binds it, so that it compares with what Prisma stored. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** A stored value as its column's type: SQLite holds instants as text, flags and integers as bigint. */
function typed(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) {
    if (type.endsWith("?")) return null;
    throw new Error(`a ${type} column read NULL`);
  }
  switch (type) {
    case "text":
    case "text?":
      return String(value);
    case "int":
    case "int?":
      return Number(value);
    case "bigint":
    case "bigint?":
      return BigInt(value as bigint | number | string);
    case "date":
      return value instanceof Date ? value : new Date(typeof value === "bigint" ? Number(value) : (value as string | number));
    case "boolean":
      return typeof value === "boolean" ? value : Number(value) !== 0;
  }
}

/** The statement's rows, each with exactly `columns`, as their types. */
export async function readRows<C extends Record<string, ColumnType>>(query: Prisma.Sql, columns: C): Promise<RowOf<C>[]> {
  const raw: Record<string, unknown>[] =
    databaseKind() === "sqlite"
      ? (prepared(query.sql).all(...query.values.map(sqliteValue)) as Record<string, unknown>[])
      : await readPrisma.$queryRaw<Record<string, unknown>[]>(query);
  const names = Object.keys(columns);
  return raw.map((row) => {
    const out: Record<string, unknown> = {};
    for (const name of names) out[name] = typed(row[name], columns[name]!);
    return out as RowOf<C>;
  });
}
