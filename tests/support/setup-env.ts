// Runs before every test file: a fresh, migrated database of its own, quiet logs.
// TEST_DATABASE=postgresql runs the same tests on PostgreSQL (TEST_POSTGRES_URL names the
// server; default postgresql://postgres@127.0.0.1:5432/postgres).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, inject } from "vitest";
import { dropDatabase, runSql, testPostgresServer, withDatabase } from "@/lib/postgres-admin";
import { allMigrations } from "./migrations";
import { uniqueDatabaseName } from "./database-names";

process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? "silent";
// The webhook requires a secret by default; tests send this one (tests/support/webhook.ts).
process.env.WEBHOOK_SECRET = "test-webhook-secret-0123456789";

if (process.env.TEST_DATABASE === "postgresql") {
  const server = testPostgresServer();
  const name = uniqueDatabaseName("pd_test");
  // A copy of the template that tests/support/global-setup.ts migrated.
  await runSql(server, `CREATE DATABASE "${name}" TEMPLATE "${inject("postgresTemplate")}"`);
  const url = withDatabase(server, name);
  process.env.DATABASE_URL = url;
  afterAll(async () => {
    await dropDatabase(url);
  });
} else {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "payments-desk-test-")), "test.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  for (const sql of allMigrations("sqlite")) db.exec(sql);
  db.close();
  process.env.DATABASE_URL = `file:${file}`;
}
