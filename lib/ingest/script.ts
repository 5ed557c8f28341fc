// A write written once for both databases: a generator that yields each statement it needs and is
// handed back its answer. SQLite runs it synchronously inside the group-commit batch
// (lib/ingest/sqlite-writer.ts); PostgreSQL runs it on a writer connection, awaiting each answer
// (lib/ingest/postgres-writer.ts). Statements are written with `?` placeholders and quoted
// identifiers, which both databases read alike; each executor turns values into what its driver
// stores (SQLite: instants as Prisma's ISO text, booleans as 0/1; PostgreSQL: bigint as text).
//
// Rows come back as each driver returns them (SQLite: 0/1, ISO text, numbers; PostgreSQL: booleans,
// Dates, bigint as text): scripts read them through flag(), instant() and BigInt().
import type Database from "better-sqlite3";
import type { Writable } from "node:stream";
import type pg from "pg";
import { NAMED_LOCKS_SQL, ROW_LOCK } from "../lock-sql";

export const PASS = Symbol("pass");
export type Pass = typeof PASS;

type Row = Record<string, unknown>;

/** What a group-commit writer has done (tests and the bench read it). */
export interface WriterStats {
  batches: number;
  jobs: number;
  passed: number;
  largestBatch: number;
}

/**
 * Answers every delivery of a batch once its transaction has ended: with its result, or with PASS
 * when the batch did not commit (`results` then holds fewer entries than the batch).
 */
export function settleBatch(stats: WriterStats, batch: { resolve: (value: unknown) => void }[], results: unknown[]): void {
  countBatch(stats, batch.length);
  batch.forEach((item, i) => {
    const result = i < results.length ? results[i] : PASS;
    if (result === PASS) stats.passed++;
    item.resolve(result);
  });
}

/** Answers every delivery of a batch with the error that left the database out of reach (503). */
export function failBatch(stats: WriterStats, batch: { reject: (error: unknown) => void }[], error: unknown): void {
  countBatch(stats, batch.length);
  for (const item of batch) item.reject(error);
}

function countBatch(stats: WriterStats, size: number): void {
  stats.batches++;
  stats.jobs += size;
  stats.largestBatch = Math.max(stats.largestBatch, size);
}

export type Statement =
  /** forUpdate: PostgreSQL locks the row read until the transaction ends (SQLite writes one transaction at a time). */
  | { op: "get"; sql: string; params: unknown[]; forUpdate?: boolean }
  | { op: "all" | "run"; sql: string; params: unknown[] }
  | { op: "insert"; table: string; row: Row }
  /** Rows in one statement; answers each row's id with its `key` column. */
  | { op: "insertMany"; table: string; rows: Row[]; key: string }
  /** Rows in one statement, no answer. */
  | { op: "insertAll"; table: string; rows: Row[] }
  | { op: "update"; table: string; id: number; row: Row }
  /** PostgreSQL's named locks (SQLite writes one transaction at a time: nothing to do). */
  | { op: "lockNames"; names: string[] }
  /** Reads that do not depend on each other: PostgreSQL sends them together (one round trip). */
  | { op: "reads"; reads: Read[] };

/** One read of `sql.reads`: a row (`get`, undefined when none) or all rows (`all`). */
export type Read = { op: "get" | "all"; sql: string; params: unknown[] };

export type Script<T> = Generator<Statement, T | Pass, unknown>;

/** The statements a script yields, each typed by its answer: `const row = yield* sql.get<Row>(…)`. */
export const sql = {
  *get<T>(text: string, ...params: unknown[]): Generator<Statement, T | undefined, unknown> {
    return (yield { op: "get", sql: text, params }) as T | undefined;
  },
  /** The row, held until the transaction ends (PostgreSQL: FOR NO KEY UPDATE, as lib/db.ts → lockPayment). */
  *getForUpdate<T>(text: string, ...params: unknown[]): Generator<Statement, T | undefined, unknown> {
    return (yield { op: "get", sql: text, params, forUpdate: true }) as T | undefined;
  },
  *all<T>(text: string, params: unknown[]): Generator<Statement, T[], unknown> {
    return (yield { op: "all", sql: text, params }) as T[];
  },
  *run(text: string, ...params: unknown[]): Generator<Statement, void, unknown> {
    yield { op: "run", sql: text, params };
  },
  /** INSERT of the row's defined columns (the others take their defaults); the new row's id. */
  *insert(table: string, row: Row): Generator<Statement, number, unknown> {
    return (yield { op: "insert", table, row }) as number;
  },
  /** A multi-row INSERT (every row with the same columns): each row's id by its `key` column. */
  *insertMany(table: string, rows: Row[], key: string): Generator<Statement, Map<unknown, number>, unknown> {
    if (rows.length === 0) return new Map();
    return (yield { op: "insertMany", table, rows, key }) as Map<unknown, number>;
  },
  /** A multi-row INSERT whose ids nobody reads (PostgreSQL sends it on without waiting). */
  *insertAll(table: string, rows: Row[]): Generator<Statement, void, unknown> {
    if (rows.length > 0) yield { op: "insertAll", table, rows };
  },
  /** UPDATE of the row's defined columns. */
  *update(table: string, id: number, row: Row): Generator<Statement, void, unknown> {
    yield { op: "update", table, id, row };
  },
  *lockNames(names: string[]): Generator<Statement, void, unknown> {
    if (names.length > 0) yield { op: "lockNames", names };
  },
  /** Several reads that do not depend on each other, answered in their order. */
  *reads(reads: Read[]): Generator<Statement, unknown[], unknown> {
    if (reads.length === 0) return [];
    return (yield { op: "reads", reads }) as unknown[];
  },
};

/** A read for `sql.reads`: its row (undefined: none). */
export const readRow = (text: string, ...params: unknown[]): Read => ({ op: "get", sql: text, params });
/** A read for `sql.reads`: all its rows. */
export const readRows = (text: string, params: unknown[]): Read => ({ op: "all", sql: text, params });

/** A boolean column as either driver returns it. */
export const flag = (value: unknown): boolean => value === true || value === 1;
/** An instant column as either driver returns it (ISO text or Date). */
export const instant = (value: unknown): Date => new Date(value as string | Date);

const columnsOf = (row: Row) => Object.keys(row).filter((key) => row[key] !== undefined);
const insertText = (table: string, columns: string[]) =>
  `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
/**
 * A multi-row INSERT, returning each row's id and `key` when asked. Its columns are every column any
 * row defines; a row without one stores NULL there (as Prisma's createMany does).
 */
function insertManyText(table: string, rows: Row[], key?: string): { text: string; values: unknown[] } {
  const columns = [...new Set(rows.flatMap(columnsOf))];
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  return {
    text: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${rows.map(() => tuple).join(", ")}${key === undefined ? "" : ` RETURNING "id", "${key}" AS "key"`}`,
    values: rows.flatMap((row) => columns.map((c) => row[c] ?? null)),
  };
}
const idsByKey = (rows: { id: unknown; key: unknown }[]) => new Map(rows.map((r) => [r.key, Number(r.id)]));
const updateText = (table: string, columns: string[]) => `UPDATE "${table}" SET ${columns.map((c) => `"${c}" = ?`).join(", ")} WHERE "id" = ?`;

/** A value as Prisma stores it in SQLite: instants as ISO text with +00:00, booleans as 0/1. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace(/Z$/, "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** Runs a script to its end on SQLite, synchronously (statements prepared once per connection). */
export function runOnSqlite<T>(script: Script<T>, prepare: (text: string) => Database.Statement): T | Pass {
  const bind = (params: unknown[]) => params.map(sqliteValue);
  const execute = (s: Statement): unknown => {
    switch (s.op) {
      case "get":
        return prepare(s.sql).get(...bind(s.params));
      case "all":
        return prepare(s.sql).all(...bind(s.params));
      case "reads":
        return s.reads.map(execute);
      case "run":
        return void prepare(s.sql).run(...bind(s.params));
      case "insert": {
        const columns = columnsOf(s.row);
        return Number(prepare(insertText(s.table, columns)).run(...bind(columns.map((c) => s.row[c]))).lastInsertRowid);
      }
      case "insertMany": {
        const { text, values } = insertManyText(s.table, s.rows, s.key);
        return idsByKey(prepare(text).all(...bind(values)) as { id: unknown; key: unknown }[]);
      }
      case "insertAll": {
        const { text, values } = insertManyText(s.table, s.rows);
        return void prepare(text).run(...bind(values));
      }
      case "update": {
        const columns = columnsOf(s.row);
        return void prepare(updateText(s.table, columns)).run(...bind([...columns.map((c) => s.row[c]), s.id]));
      }
      default:
        return undefined; // locks: one writer at a time
    }
  };
  let step = script.next();
  while (!step.done) step = script.next(execute(step.value));
  return step.value;
}

const dollarTexts = new Map<string, string>();
/** `?` placeholders as PostgreSQL's $1, $2, … (the statements hold no literal question marks). */
function dollars(text: string): string {
  let out = dollarTexts.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    if (dollarTexts.size < 1_000) dollarTexts.set(text, out);
  }
  return out;
}

const pgValue = (value: unknown) => (typeof value === "bigint" ? value.toString() : value);

const statementNames = new Map<string, string>();
/** Distinct statements prepared by name at most (multi-row inserts vary with their row count). */
const NAMED_STATEMENTS = 500;
/**
 * A name for the statement: PostgreSQL then parses and plans it once per writer connection rather
 * than on every execution (planning measured ~0.75 ms of the database's CPU per webhook).
 */
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < NAMED_STATEMENTS) statementNames.set(text, (name = `payments_desk_${statementNames.size}`));
  return name;
}

/** Statements whose answer no script reads: on a pipelined connection they are not waited for. */
const UNANSWERED = new Set<Statement["op"]>(["run", "insertAll", "update", "lockNames"]);

/**
 * Runs a script to its end on a PostgreSQL connection inside the caller's transaction.
 *
 * On a pipelined connection (lib/postgres-pool.ts) a statement whose answer the script does not
 * read is sent without waiting, and held in the socket's buffer until the next statement that is
 * waited for: they leave in one write and come back in one round trip. Their answers are awaited
 * before the script counts as done, so one that failed fails the script (its savepoint is rolled
 * back); the statements after a failed one fail too, as the transaction is aborted.
 */
export async function runOnPostgres<T>(script: Script<T>, client: pg.PoolClient): Promise<T | Pass> {
  const query = (text: string, params: unknown[]) => client.query({ name: statementName(text), text: dollars(text), values: params.map(pgValue) }).then((r) => r.rows as Row[]);
  const send = (s: Statement): Promise<unknown> => {
    switch (s.op) {
      case "get":
        return query(s.forUpdate ? `${s.sql} ${ROW_LOCK}` : s.sql, s.params).then((rows) => rows[0]);
      case "all":
        return query(s.sql, s.params);
      case "run":
        return query(s.sql, s.params);
      case "insert": {
        const columns = columnsOf(s.row);
        return query(`${insertText(s.table, columns)} RETURNING "id"`, columns.map((c) => s.row[c])).then((rows) => Number(rows[0]!.id));
      }
      case "insertMany": {
        const { text, values } = insertManyText(s.table, s.rows, s.key);
        return query(text, values).then((rows) => idsByKey(rows as { id: unknown; key: unknown }[]));
      }
      case "insertAll": {
        const { text, values } = insertManyText(s.table, s.rows);
        return query(text, values);
      }
      case "update": {
        const columns = columnsOf(s.row);
        return query(updateText(s.table, columns), [...columns.map((c) => s.row[c]), s.id]);
      }
      case "lockNames":
        return client.query(NAMED_LOCKS_SQL, [s.names]);
      case "reads":
        // Sent one after the other without waiting (pipelined, they leave in one write).
        return Promise.all(s.reads.map(send));
    }
  };
  const socket = client.pipeline ? (client as unknown as { connection: { stream: Writable } }).connection.stream : null;
  let corked = false;
  const cork = () => {
    if (socket && !corked) socket.cork();
    corked = socket !== null;
  };
  const flush = () => {
    if (corked) socket!.uncork();
    corked = false;
  };
  const unanswered: Promise<unknown>[] = [];
  try {
    let step = script.next();
    while (!step.done) {
      const statement = step.value;
      cork();
      const sent = send(statement);
      if (socket && UNANSWERED.has(statement.op)) {
        sent.catch(() => undefined); // awaited below; until then not an unhandled rejection
        unanswered.push(sent);
        step = script.next(undefined);
      } else {
        flush();
        step = script.next(await sent);
      }
    }
    flush();
    await Promise.all(unanswered);
    return step.value;
  } finally {
    flush();
  }
}