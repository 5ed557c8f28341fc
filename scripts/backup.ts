// `npm run backup [-- --out <file>]`: a consistent online backup of DATABASE_URL, safe while the
// app runs (README → Backups). Default file: backups/payments-desk-<UTC time>.(db|dump).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseKind, databaseUrl } from "../lib/database-url";
import { backupDatabase } from "../lib/maintenance/backup";

async function main() {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const url = databaseUrl();
  const kind = databaseKind(url);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
  const file = path.resolve(values.out ?? path.join("backups", `payments-desk-${stamp}.${kind === "sqlite" ? "db" : "dump"}`));
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    const result = await backupDatabase(url, file, (line) => process.stderr.write(`${line}\n`));
    const payments = result.payments >= 0 ? `, ${result.payments.toLocaleString("en-IN")} payments` : "";
    console.log(`Backup written to ${result.file} (${(result.bytes / 1e6).toFixed(1)} MB${payments}). Restore it with: npm run restore -- ${path.relative(process.cwd(), result.file)}`);
  } catch (error) {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

void main();
