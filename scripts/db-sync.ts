// Keeps the PostgreSQL schema and migrations in lockstep with the SQLite ones.
//   npm run db:sync                  regenerate prisma/postgresql/schema.prisma
//   npm run db:migration -- <name>   after editing prisma/schema.prisma: write the migration for BOTH
//                                    databases (diffing against the committed schema)
//   npm run db:sync -- --check       exit 1 if the PostgreSQL schema is stale
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { toPostgresSchema } from "../lib/schema-sync";

const SQLITE_SCHEMA = "prisma/schema.prisma";
const PG_SCHEMA = "prisma/postgresql/schema.prisma";
const prisma = path.join("node_modules", ".bin", "prisma");

const args = process.argv.slice(2);
const expected = toPostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));

if (args[0] === "--check") {
  const actual = readFileSync(PG_SCHEMA, "utf8");
  if (actual !== expected) {
    console.error(`${PG_SCHEMA} is stale: run \`npm run db:sync\`.`);
    process.exit(1);
  }
  console.log("PostgreSQL schema is in sync.");
} else if (args[0] === "--migration") {
  const name = args[1];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:migration -- <snake_case_name>");
    process.exit(2);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), "db-sync-"));
  const before = path.join(tmp, "before.prisma");
  const beforePg = path.join(tmp, "before-pg.prisma");
  const committed = execFileSync("git", ["show", `HEAD:${SQLITE_SCHEMA}`], { encoding: "utf8" });
  writeFileSync(before, committed);
  writeFileSync(beforePg, toPostgresSchema(committed));
  writeFileSync(PG_SCHEMA, expected);
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = `${stamp}_${name}`;
  for (const [from, to, dir, config] of [
    [before, SQLITE_SCHEMA, "prisma/migrations", "prisma.config.ts"],
    [beforePg, PG_SCHEMA, "prisma/postgresql/migrations", "prisma.pg.config.ts"],
  ] as const) {
    const sql = execFileSync(prisma, ["migrate", "diff", "--config", config, "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"], { encoding: "utf8" });
    mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, folder, "migration.sql"), sql);
    console.log(`wrote ${dir}/${folder}/migration.sql`);
  }
} else {
  writeFileSync(PG_SCHEMA, expected);
  console.log(`wrote ${PG_SCHEMA}`);
}
