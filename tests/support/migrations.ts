// Reads the migrations: every one in order, to build a test database, or one migration's backfill,
// for tests that run it again.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

type Kind = "sqlite" | "postgresql";

const migrationsDir = (kind: Kind) => path.join(root, kind === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations");

/** The SQL of every migration of one database kind, oldest first. */
export function allMigrations(kind: Kind): string[] {
  const dir = migrationsDir(kind);
  return readdirSync(dir)
    .filter((n) => /^\d/.test(n))
    .sort()
    .map((n) => readFileSync(path.join(dir, n, "migration.sql"), "utf8"));
}

/** The statement after the "-- Backfill" comment of the migration named `*_<name>`, comments left out. */
export function migrationBackfill(name: string): string {
  const dir = migrationsDir(process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite");
  const migration = readdirSync(dir).find((n) => n.endsWith(`_${name}`));
  if (!migration) throw new Error(`no migration named *_${name} in ${dir}`);
  const sql = readFileSync(path.join(dir, migration, "migration.sql"), "utf8");
  return sql.slice(sql.indexOf("-- Backfill")).split("\n").filter((line) => !line.startsWith("--")).join("\n");
}
