// What the server does once when it starts, after the configuration has been checked: make sure
// the webhook has a secret (generated and logged once if the environment sets none), and that an
// administrator exists or can be created (the one-time setup link).
import "server-only";
import { prepareFirstAdministrator } from "./auth/bootstrap";
import { appConfig, authConfig } from "./config";
import { logEvent } from "./log";
import { scheduleRetention } from "./maintenance/retention";
import { scheduleRollupFold } from "./overview/daily-totals";
import { webhookSecrets } from "./secrets";

export async function startUp(): Promise<void> {
  const config = appConfig();
  scheduleRetention();
  scheduleRollupFold();
  try {
    if (config.WEBHOOK_AUTH === "off") {
      console.warn("[payments-desk] WEBHOOK_AUTH=off: the webhook accepts deliveries from anyone. Admins see a warning until it is on.");
    } else {
      await webhookSecrets();
    }
    const setup = await prepareFirstAdministrator();
    if (setup) {
      const base = authConfig().APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
      console.log(`[payments-desk] No administrator yet. Create the first one, once, at:\n[payments-desk]   ${base}/setup?token=${setup.setupToken}\n[payments-desk] (valid for 24 hours or until the next start; or set ADMIN_EMAIL and ADMIN_PASSWORD).`);
    }
  } catch (error) {
    // The database may not be reachable yet: the webhook generates its secret on first use, and the
    // next start prints a setup link.
    logEvent("error", "startup.failed", { cause: error instanceof Error ? error.message : String(error) });
  }
}
