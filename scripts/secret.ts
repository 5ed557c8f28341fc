// Prints the webhook secret EnKash must send (WEBHOOK_SECRET, or the one Payments Desk generated),
// for scripts and the README's curl example:
//   curl … -H "X-Webhook-Secret: $(npm run -s secret)"
import { disconnectDatabase } from "../lib/db";
import { appConfig } from "../lib/config";
import { webhookSecrets } from "../lib/secrets";

async function main() {
  try {
    if (appConfig().WEBHOOK_AUTH === "off") console.error("Note: WEBHOOK_AUTH=off, the webhook does not check the secret.");
    const secrets = await webhookSecrets();
    process.stdout.write(`${secrets.current}\n`);
    if (secrets.previous) console.error(`The previous secret is accepted until ${secrets.previous.until.toISOString()}.`);
  } catch (error) {
    console.error(`Could not read the secret (${error instanceof Error ? error.message : String(error)}). Run \`npm run migrate\` first, and check DATABASE_URL.`);
    process.exitCode = 1;
  } finally {
    await disconnectDatabase();
  }
}

void main();
