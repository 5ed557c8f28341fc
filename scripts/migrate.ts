// Applies pending migrations to the database DATABASE_URL names (the embedded SQLite file by
// default; a PostgreSQL database is created if it does not exist). Run by `npm start` and
// `npm run dev`; run it alone in deployments: `npm run migrate`.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { appConfig, authConfig, databaseConfig } from "../lib/config";
import { databaseKind, databaseUrl, sqliteFilePath } from "../lib/database-url";
import { ensureDatabase, withMigrationLock } from "../lib/postgres-admin";

async function main() {
  // `npm start` runs this first: a misconfigured environment stops here, before the server starts.
  let url: string;
  let kind: ReturnType<typeof databaseKind>;
  try {
    appConfig();
    authConfig();
    databaseConfig();
    url = databaseUrl();
    kind = databaseKind(url);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }

  if (kind === "sqlite") {
    const file = sqliteFilePath(url);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // WAL is a property of the file: readers never block the webhook's writes.
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.close();
  } else {
    try {
      if (await ensureDatabase(url)) console.log("Created the PostgreSQL database.");
    } catch (error) {
      console.error(`Cannot reach PostgreSQL (${error instanceof Error ? error.message : String(error)}). Is it running, and is DATABASE_URL right?`);
      process.exit(1);
    }
  }

  // Several instances may start at once: on PostgreSQL they take turns (SQLite has one host).
  if (kind === "postgresql") await withMigrationLock(url, () => migrate(url, kind));
  else await migrate(url, kind);
}

async function migrate(url: string, kind: ReturnType<typeof databaseKind>) {
  console.log(`Applying migrations to ${kind === "sqlite" ? sqliteFilePath(url) : "PostgreSQL"} …`);
  const config = kind === "sqlite" ? "prisma.config.ts" : "prisma.pg.config.ts";
  const run = await prismaMigrateDeploy(config);
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    console.error(
      kind === "sqlite"
        ? "Migration failed. Check that DATABASE_URL points to a writable file path."
        : "Migration failed. Check that PostgreSQL is running and DATABASE_URL (user, password, database) is right.",
    );
    process.exit(1);
  }
  const applied = /(\d+) migrations? found/.exec(run.stdout) ?? DEPLOYED.exec(run.stdout);
  console.log(applied ? `Database is up to date (${applied[0]}).` : "Database is up to date.");
  await bringDataUpToDate();
}

/** What `prisma migrate deploy` prints last, once every migration is committed. */
const DEPLOYED = /No pending migrations to apply|All migrations have been successfully applied/;

/**
 * Runs `prisma migrate deploy`. On PostgreSQL, Prisma 6.19's schema engine leaves a 10-second timer
 * of its own running after its work (never cleared), so the CLI exits 10 s after it is done:
 * every start on PostgreSQL waited for it. Once the CLI has said that everything is applied (each
 * migration is committed by then, and its connection's lock goes with the process), it is ended.
 */
function prismaMigrateDeploy(config: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy", "--config", config], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
    let stdout = "";
    let stderr = "";
    let deployed = false;
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
      if (!deployed && DEPLOYED.test(stdout)) {
        deployed = true;
        child.kill("SIGTERM");
      }
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("close", (code) => resolve({ status: deployed ? 0 : code, stdout, stderr }));
  });
}

/** Rows stored by an earlier version get today's masking and message fingerprints (once). */
async function bringDataUpToDate() {
  const { bringStoredDataUpToDate, fillMessageSummaries } = await import("../lib/maintenance/stored-data");
  const { disconnectDatabase } = await import("../lib/db");
  try {
    const result = await bringStoredDataUpToDate((done, total) => {
      process.stderr.write(`\rApplying today's masking rules to stored deliveries: ${done.toLocaleString("en-IN")} / ${total.toLocaleString("en-IN")}`);
    });
    if (result.deliveries > 0) process.stderr.write(`\nUpdated ${result.deliveries} deliveries and ${result.payments} payments.\n`);
    const messages = await fillMessageSummaries((done, total) => {
      process.stderr.write(`\rSummarising stored messages for payment timelines: ${done.toLocaleString("en-IN")} / ${total.toLocaleString("en-IN")}`);
    });
    if (messages.messages > 0) process.stderr.write(`\nSummarised ${messages.messages} messages of ${messages.payments} payments.\n`);
  } catch (error) {
    console.error(`\nCould not update stored data (${error instanceof Error ? error.message : String(error)}). Run \`npm run migrate\` again; it resumes where it stopped.`);
    process.exitCode = 1;
  } finally {
    await disconnectDatabase();
  }
}

void main();
