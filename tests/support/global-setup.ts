// Runs once before the test files. On PostgreSQL it migrates one template database, which each
// file copies (CREATE DATABASE … TEMPLATE, ~0.1 s) instead of migrating a database of its own
// (~0.6–1 s a file); tests/support/setup-env.ts makes the copy.
import type { TestProject } from "vitest/node";
import { dropDatabase, ensureDatabase, runSql, testPostgresServer, withDatabase } from "@/lib/postgres-admin";
import { allMigrations } from "./migrations";
import { uniqueDatabaseName } from "./database-names";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated database each PostgreSQL test file copies; "" on SQLite. */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE !== "postgresql") {
    project.provide("postgresTemplate", "");
    return;
  }
  const name = uniqueDatabaseName("pd_template");
  const template = withDatabase(testPostgresServer(), name);
  await ensureDatabase(template);
  for (const sql of allMigrations("postgresql")) await runSql(template, sql);
  project.provide("postgresTemplate", name);
  return async () => {
    await dropDatabase(template);
  };
}
