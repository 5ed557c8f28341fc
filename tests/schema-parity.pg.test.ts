// Only in the PostgreSQL pass (TEST_DATABASE=postgresql): the setup has migrated a fresh
// PostgreSQL database with prisma/postgresql/migrations; it must match SQLite's migrations.
import { Client } from "pg";
import { describe, expect, it } from "vitest";
import { sqliteStructure, type Structure } from "./support/schema-structure";

async function postgresStructure(url: string): Promise<Structure> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const cols = await client.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    const columns: Record<string, string[]> = {};
    for (const r of cols.rows) (columns[r.table_name] ??= []).push(r.column_name);
    for (const t of Object.keys(columns)) columns[t]!.sort();
    const idx = await client.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey'");
    return { columns, indexes: idx.rows.map((r) => r.indexname).sort() };
  } finally {
    await client.end();
  }
}

describe("PostgreSQL migrations", () => {
  it("migrates PostgreSQL to the same tables, columns and indexes as SQLite", async () => {
    const sqlite = sqliteStructure();
    const pg = await postgresStructure(process.env.DATABASE_URL!);
    expect(pg.columns).toEqual(Object.fromEntries(Object.entries(sqlite.columns).filter(([t]) => t !== "_prisma_migrations")));
    expect(pg.indexes).toEqual(sqlite.indexes);
  });
});
