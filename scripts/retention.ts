// `npm run retention`: removes the raw bodies of rejected and duplicate deliveries older than
// RETENTION_DAYS (README → Retention), and expired sessions. The server also does this daily.
import { parseArgs } from "node:util";
import { applyRetention, compactDatabase } from "../lib/maintenance/retention";
import { disconnectDatabase } from "../lib/db";

async function main() {
  const { values } = parseArgs({ options: { vacuum: { type: "boolean", default: false } } });
  try {
    const result = await applyRetention((removed) => process.stderr.write(`\rRemoved ${removed.toLocaleString("en-IN")} bodies …`));
    if (result.cutoff === null) {
      console.log("\nRETENTION_DAYS=0: delivery bodies are kept forever. Expired sessions removed: " + result.sessionsRemoved);
    } else {
      console.log(`\nRemoved the bodies of ${result.bodiesRemoved.toLocaleString("en-IN")} rejected and duplicate deliveries received before ${result.cutoff.toISOString()} (RETENTION_DAYS=${result.days}, about ${(result.bytesRemoved / 1e6).toFixed(1)} MB), and ${result.sessionsRemoved} expired sessions.`);
      if (!values.vacuum) console.log("On SQLite the file keeps its size until it is compacted: run `npm run retention -- --vacuum` in a quiet hour (README → Retention).");
    }
    if (values.vacuum) {
      process.stderr.write("Compacting the database (VACUUM) …\n");
      await compactDatabase();
      console.log("Compacted.");
    }
  } catch (error) {
    console.error(`Retention failed: ${error instanceof Error ? error.message : String(error)}. Is the database reachable (DATABASE_URL)? Run it again: it resumes.`);
    process.exitCode = 1;
  } finally {
    await disconnectDatabase();
  }
}

void main();
