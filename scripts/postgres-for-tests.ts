// Helper for scripts/test-all.sh:
//   postgres-for-tests.ts check         exit 0 when the test PostgreSQL server answers
//   postgres-for-tests.ts fresh <name>  (re)create an empty database and print its URL
import { canConnect, dropDatabase, ensureDatabase, testPostgresServer, withDatabase } from "../lib/postgres-admin";

const server = testPostgresServer();

async function main() {
  const [command, name] = process.argv.slice(2);
  if (command === "check") process.exit((await canConnect(server)) ? 0 : 1);
  if (command === "fresh" && name) {
    const url = withDatabase(server, name);
    await dropDatabase(url);
    await ensureDatabase(url);
    console.log(url);
    return;
  }
  console.error("Usage: postgres-for-tests.ts check | fresh <name>");
  process.exit(2);
}

void main();
