// Reads this database's migrations, for tests that run a migration's backfill again.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The statement after the "-- Backfill" comment of the migration named `*_<name>`, comments left out. */
export function migrationBackfill(name: string): string {
  const dir = path.resolve(import.meta.dirname, "../..", process.env.TEST_DATABASE === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations");
  const migration = readdirSync(dir).find((n) => n.endsWith(`_${name}`));
  if (!migration) throw new Error(`no migration named *_${name} in ${dir}`);
  const sql = readFileSync(path.join(dir, migration, "migration.sql"), "utf8");
  return sql.slice(sql.indexOf("-- Backfill")).split("\n").filter((line) => !line.startsWith("--")).join("\n");
}
