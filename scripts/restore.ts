// `npm run restore -- <backup file> [--force]`: restores a backup made by `npm run backup` into
// DATABASE_URL (README → Backups). Stop the app first. A database that already holds payments is
// replaced only with --force.
import { parseArgs } from "node:util";
import { databaseUrl } from "../lib/database-url";
import { restoreDatabase } from "../lib/maintenance/backup";

async function main() {
  const { values, positionals } = parseArgs({ options: { force: { type: "boolean", default: false } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) {
    console.error("Usage: npm run restore -- <backup file> [--force]   (stop the app first)");
    process.exit(2);
  }
  try {
    const result = await restoreDatabase(databaseUrl(), file, { force: values.force }, (line) => process.stderr.write(`${line}\n`));
    console.log(`Restored ${file}: ${result.payments.toLocaleString("en-IN")} payments. Start the app with npm start (it applies any newer migrations).`);
  } catch (error) {
    console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

void main();
