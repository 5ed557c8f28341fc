// Runs before every test file: a fresh, migrated SQLite database of its own, quiet logs.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

process.env.LOG_LEVEL = "silent";

if (!process.env.TEST_KEEP_DATABASE_URL) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "payments-desk-test-"));
  const file = path.join(dir, "test.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const migrations = path.resolve(import.meta.dirname, "../../prisma/migrations");
  for (const name of readdirSync(migrations).filter((n) => /^\d/.test(n)).sort()) {
    db.exec(readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  }
  db.close();
  process.env.DATABASE_URL = `file:${file}`;
}
