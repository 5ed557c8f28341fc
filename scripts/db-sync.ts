// Keeps the PostgreSQL schema and migrations in lockstep with the SQLite ones.
//   npm run db:sync                  regenerate prisma/postgresql/schema.prisma
//   npm run db:migration -- <name>   after editing prisma/schema.prisma: write the migration for BOTH
//                                    databases (diffing against the committed schema)
//   npm run db:sync -- --check       exit 1 if the PostgreSQL schema is stale
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureDatabase, testPostgresServer, withDatabase } from "../lib/postgres-admin";
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
  void writeMigration(args[1]);
} else {
  writeFileSync(PG_SCHEMA, expected);
  console.log(`wrote ${PG_SCHEMA}`);
}

async function writeMigration(name: string | undefined) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:migration -- <snake_case_name>");
    process.exit(2);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), "db-sync-"));
  // `prisma migrate diff` connects through the config's adapter even to diff two schema files:
  // give it a scratch SQLite file and a scratch PostgreSQL database.
  const server = testPostgresServer();
  const scratchPg = withDatabase(server, "payments_desk_schema_diff");
  try {
    await ensureDatabase(scratchPg);
  } catch {
    console.error(`Writing the PostgreSQL migration needs a PostgreSQL server (TEST_POSTGRES_URL, default ${server}).`);
    process.exit(1);
  }
  const before = path.join(tmp, "before.prisma");
  const beforePg = path.join(tmp, "before-pg.prisma");
  const committed = execFileSync("git", ["show", `HEAD:${SQLITE_SCHEMA}`], { encoding: "utf8" });
  writeFileSync(before, committed);
  writeFileSync(beforePg, toPostgresSchema(committed));
  writeFileSync(PG_SCHEMA, expected);
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = `${stamp}_${name}`;
  const targets = [
    { from: before, to: SQLITE_SCHEMA, dir: "prisma/migrations", config: "prisma.config.ts", url: `file:${path.join(tmp, "scratch.db")}` },
    { from: beforePg, to: PG_SCHEMA, dir: "prisma/postgresql/migrations", config: "prisma.pg.config.ts", url: scratchPg },
  ];
  const scripts = targets.map((t) =>
    execFileSync(prisma, ["migrate", "diff", "--config", t.config, "--from-schema-datamodel", t.from, "--to-schema-datamodel", t.to, "--script"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: t.url },
    }),
  );
  if (scripts.every((sql) => sql.includes("This is an empty migration"))) {
    console.log("prisma/schema.prisma is unchanged since the last commit: no migration written.");
    return;
  }
  targets.forEach((t, i) => {
    mkdirSync(path.join(t.dir, folder), { recursive: true });
    writeFileSync(path.join(t.dir, folder, "migration.sql"), scripts[i]!);
    console.log(`wrote ${t.dir}/${folder}/migration.sql`);
  });
}
