// Backups (README → Backups). SQLite: the SQLite online backup API, a consistent snapshot taken
// while the app keeps writing (WAL: the copy reads one snapshot, writers are not blocked).
// PostgreSQL: pg_dump's custom format, restored with pg_restore.
import { spawn } from "node:child_process";
import { existsSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { databaseKind, sqliteFilePath } from "../database-url";
import { ensureDatabase } from "../postgres-admin";

type Progress = (message: string) => void;

export interface BackupResult {
  file: string;
  bytes: number;
  payments: number;
}

export async function backupDatabase(url: string, file: string, progress: Progress): Promise<BackupResult> {
  if (existsSync(file)) throw new Error(`${file} already exists: choose another name, or move it away first`);
  if (databaseKind(url) === "sqlite") {
    const source = new Database(sqliteFilePath(url), { readonly: true, fileMustExist: true });
    try {
      const pages = (source.pragma("page_count", { simple: true }) as number) * (source.pragma("page_size", { simple: true }) as number);
      progress(`Copying ${(pages / 1e6).toFixed(1)} MB as one consistent snapshot (the app keeps running) …`);
      // The whole copy in one step: a copy in small steps starts again whenever the app commits,
      // and under steady traffic would never finish.
      await source.backup(file, { progress: ({ totalPages }) => totalPages });
    } finally {
      source.close();
    }
    const copy = new Database(file, { readonly: true });
    try {
      const check = copy.pragma("quick_check", { simple: true });
      if (check !== "ok") throw new Error(`the copy failed its integrity check (${String(check)}): keep the previous backup and try again`);
      const payments = (copy.prepare('SELECT COUNT(*) AS n FROM "Payment"').get() as { n: number }).n;
      return { file, bytes: statSync(file).size, payments };
    } finally {
      copy.close();
    }
  }
  await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--verbose", `--file=${file}`, `--dbname=${url}`], progress);
  return { file, bytes: statSync(file).size, payments: -1 };
}

/**
 * Restores a backup into the database `url` names. The app must be stopped. Refuses to replace a
 * database that holds payments unless `force`.
 */
export async function restoreDatabase(url: string, file: string, options: { force: boolean }, progress: Progress): Promise<{ payments: number }> {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  if (databaseKind(url) === "sqlite") {
    const target = sqliteFilePath(url);
    if (existsSync(target) && !options.force && countPayments(target) > 0) {
      throw new Error(`${target} already holds payments: stop the app, then run again with --force to replace it`);
    }
    const backup = new Database(file, { readonly: true, fileMustExist: true });
    try {
      if (backup.pragma("quick_check", { simple: true }) !== "ok") throw new Error(`${file} fails its integrity check: it is not a usable backup`);
      // A leftover write-ahead log would be replayed onto the restored file: remove it with the file.
      for (const f of [target, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
      progress(`Restoring into ${target} …`);
      await backup.backup(target, { progress: ({ totalPages }) => totalPages });
    } finally {
      backup.close();
    }
    const restored = new Database(target);
    restored.pragma("journal_mode = WAL");
    restored.close();
    return { payments: countPayments(target) };
  }
  await ensureDatabase(url);
  const { Client } = await import("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const has = await client.query(`SELECT to_regclass('"Payment"') IS NOT NULL AS present`);
    if (has.rows[0].present) {
      const n = Number((await client.query('SELECT COUNT(*) AS n FROM "Payment"')).rows[0].n);
      if (n > 0 && !options.force) throw new Error("the database already holds payments: stop the app, then run again with --force to replace it");
    }
  } finally {
    await client.end();
  }
  await run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--verbose", `--dbname=${url}`, file], progress);
  const after = new Client({ connectionString: url });
  await after.connect();
  try {
    return { payments: Number((await after.query('SELECT COUNT(*) AS n FROM "Payment"')).rows[0].n) };
  } finally {
    await after.end();
  }
}

function countPayments(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Payment'").get();
    return table ? (db.prepare('SELECT COUNT(*) AS n FROM "Payment"').get() as { n: number }).n : 0;
  } finally {
    db.close();
  }
}

/** Runs a PostgreSQL client tool, passing its progress lines on; rejects with its last words. */
function run(command: string, args: string[], progress: Progress): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let last = "";
    child.stderr.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        last = line;
        progress(line.replace(/^(pg_dump|pg_restore): /, ""));
      }
    });
    child.on("error", (error) => reject(new Error(`${command} could not be started (${error.message}): install the PostgreSQL client tools (Debian: apt install postgresql-client)`)));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${last}`))));
  });
}
