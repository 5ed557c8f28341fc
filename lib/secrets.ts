// Secrets the app needs whether or not the operator set them. The environment wins; without it a
// strong random secret is generated once, stored in the database (so every instance shares it) and
// used from then on: an unconfigured start is safe, never open.
import "server-only";
import { randomBytes } from "node:crypto";
import { appConfig, type AppConfig } from "./config";
import { settingOrCreate, writeSetting } from "./settings";

const generate = () => randomBytes(32).toString("base64url");

/** Signs session cookies (better-auth): BETTER_AUTH_SECRET, or one generated on first start. */
export async function authSecret(): Promise<string> {
  return process.env.BETTER_AUTH_SECRET || (await settingOrCreate("auth.secret", generate)).value;
}

export interface WebhookSecrets {
  current: string;
  /** The secret before the last rotation, still accepted until `until`. */
  previous: { value: string; until: Date } | null;
  source: "environment" | "generated";
  rotatedAt: Date | null;
}

interface StoredWebhookSecret {
  current: string;
  previous?: string;
  previousUntil?: string;
  rotatedAt?: string;
}

const WEBHOOK_KEY = "webhook.secret";
const CACHE_MS = 5_000;
let cache: { at: number; secrets: WebhookSecrets } | null = null;

function fromStored(text: string): WebhookSecrets {
  const stored = JSON.parse(text) as StoredWebhookSecret;
  const until = stored.previousUntil ? new Date(stored.previousUntil) : null;
  return {
    current: stored.current,
    previous: stored.previous && until && until.getTime() > Date.now() ? { value: stored.previous, until } : null,
    source: "generated",
    rotatedAt: stored.rotatedAt ? new Date(stored.rotatedAt) : null,
  };
}

/**
 * The secret EnKash must send: WEBHOOK_SECRET, or one generated on first use and stored. A
 * generated secret is written to the log once, when it is created, and never again.
 */
export async function webhookSecrets(config: AppConfig = appConfig()): Promise<WebhookSecrets> {
  const fromEnv = config.WEBHOOK_SECRET;
  if (fromEnv) return { current: fromEnv, previous: null, source: "environment", rotatedAt: null };
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.secrets;
  const { value, created } = await settingOrCreate(WEBHOOK_KEY, () => JSON.stringify({ current: generate() } satisfies StoredWebhookSecret));
  const secrets = fromStored(value);
  if (created) {
    console.log(`[payments-desk] Generated the webhook secret: ${secrets.current}\n[payments-desk] Configure EnKash to send it in the ${config.WEBHOOK_SECRET_HEADER} header. It is not logged again; admins see it under Settings, and \`npm run secret\` prints it.`);
  }
  cache = { at: Date.now(), secrets };
  return secrets;
}

/** A new generated secret; the old one stays valid for `graceHours`. */
export async function rotateWebhookSecret(graceHours: number): Promise<WebhookSecrets> {
  if (appConfig().WEBHOOK_SECRET) throw new Error("WEBHOOK_SECRET is set in the environment: rotate it there");
  const old = await webhookSecrets();
  const now = new Date();
  const next: StoredWebhookSecret = {
    current: generate(),
    previous: old.current,
    previousUntil: new Date(now.getTime() + graceHours * 3_600_000).toISOString(),
    rotatedAt: now.toISOString(),
  };
  await writeSetting(WEBHOOK_KEY, JSON.stringify(next));
  cache = null;
  return webhookSecrets();
}
