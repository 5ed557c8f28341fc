// Environment, validated once with zod. Every variable is listed in README.md → Configuration.
import { z } from "zod";

/** An environment: process.env, or a plain object in tests. */
type Env = Record<string, string | undefined>;

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes" || v === "on");

const minutes = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const envSchema = z.object({
  /** secret (default): EnKash must send the shared secret. off: anyone may post (a warning to admins). */
  WEBHOOK_AUTH: z.enum(["secret", "off"]).default("secret"),
  WEBHOOK_SECRET: z
    .string()
    .min(16, { error: "must be at least 16 characters (unset it to have a strong one generated and stored)" })
    .optional(),
  WEBHOOK_SECRET_GRACE_HOURS: z.coerce.number().int().min(0).max(24 * 30).default(24),
  /** Refused (401/403) deliveries from one address: answered 429 beyond this many a minute. */
  WEBHOOK_REFUSED_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Refused deliveries from one address whose bodies are kept, per hour; later ones are kept without. */
  WEBHOOK_REFUSED_BODIES_PER_HOUR: z.coerce.number().int().min(0).max(100_000).default(100),
  WEBHOOK_SECRET_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, { error: "must be an HTTP header name" })
    .default("X-Webhook-Secret"),
  WEBHOOK_ALLOWED_IPS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean)),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  WEBHOOK_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  /** The whole body must arrive within this long (else 408): a slow sender cannot hold a connection. */
  WEBHOOK_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** Bodies of refused (unauthenticated) deliveries read at once, per instance; beyond, 429. */
  WEBHOOK_MAX_REFUSED_UPLOADS: z.coerce.number().int().min(0).max(10_000).default(8),
  /** Bodies of rejected and duplicate deliveries are removed after this many days (0: kept forever). */
  RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
  /** The server logs a second in which the event loop stalled longer than this (event_loop.stalled). */
  EVENT_LOOP_WARN_MS: z.coerce.number().int().min(0).max(60_000).default(200),
  /** On SIGTERM, how long in-flight requests get to finish before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
  WEBHOOK_STRICT: flag,
  /**
   * The EnKash client secret key, when EnKash wraps bodies in its AES envelope
   * ({"request": "<base64>"}: README → Encrypted bodies). Unset: such bodies are refused with a 4xx.
   */
  WEBHOOK_AES_KEY: z.string().min(8, { error: "must be the EnKash secret key (8 characters or more)" }).optional(),
  /**
   * Keys the HMAC that fingerprints full bank-account numbers (README → Signals).
   * Unset: one is generated and stored in the database; set it to keep the key out of the database.
   */
  ACCOUNT_FINGERPRINT_KEY: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  /** A settled payment with no supplier confirmation after this many hours is listed as unconfirmed. */
  CONFIRMATION_DUE_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(72),
});

export type AppConfig = z.infer<typeof envSchema>;

const authSchema = z
  .object({
    /** The address people use, e.g. https://payments.example.com: cookies are Secure when it is https. */
    APP_URL: z.url({ error: "must be a URL such as https://payments.example.com" }).optional(),
    BETTER_AUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters (unset it to have one generated)" }).optional(),
    ADMIN_EMAIL: z.email({ error: "must be an email address" }).optional(),
    ADMIN_PASSWORD: z.string().min(12, { error: "must be at least 12 characters" }).max(128).optional(),
    /** A session ends after this long without use… */
    SESSION_IDLE_MINUTES: minutes(30, 24 * 60),
    /** …and this long after sign-in, however it is used. */
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    /** Failed sign-ins to one account, or from one address, before a lockout. */
    SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10_000).default(20),
    SIGN_IN_LOCKOUT_MINUTES: minutes(15, 24 * 60),
  })
  .refine((v) => (v.ADMIN_EMAIL === undefined) === (v.ADMIN_PASSWORD === undefined), {
    error: "ADMIN_EMAIL and ADMIN_PASSWORD go together: set both, or neither",
    path: ["ADMIN_PASSWORD"],
  });

export type AuthConfig = z.infer<typeof authSchema>;

/** Sign-in settings (read per call: cheap, and tests may change the environment). */
export function authConfig(env: Env = process.env): AuthConfig {
  return parseEnv(authSchema, env);
}

const databaseSchema = z.object({
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** PostgreSQL: the server cancels a statement after this; the client gives up 1 s later (RELIABILITY.md). */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** PostgreSQL: opening a connection, or waiting for a free one in the pool. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /** A write transaction (the webhook's) must finish within this, whatever it holds. */
  DATABASE_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(20_000),
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** SQLite: store deliveries ready at once in one transaction (lib/ingest/sqlite-writer.ts); off: one transaction each. */
  INGEST_GROUP_COMMIT: z.enum(["on", "off"]).default("on"),
  /** The group-commit writer on a worker thread of its own (lib/ingest/writer-thread.ts); off: on the server's event loop. */
  INGEST_WRITER_THREAD: z.enum(["on", "off"]).default("on"),
});

export type DatabaseConfig = z.infer<typeof databaseSchema>;

/** Database tuning (pool, timeouts); throws a message naming the bad variable. */
export function databaseConfig(env: Env = process.env): DatabaseConfig {
  return parseEnv(databaseSchema, env);
}

/** The validated webhook configuration (read per call: cheap, and tests may change the environment). */
export function appConfig(env: Env = process.env): AppConfig {
  return parseEnv(envSchema, env);
}

function parseEnv<T extends z.ZodType>(schema: T, env: Env): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration (see README → Configuration): ${problems}`);
  }
  return parsed.data;
}
