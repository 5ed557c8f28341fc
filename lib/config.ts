// Environment, validated once with zod. Every variable is listed in README.md → Configuration.
import { z } from "zod";

/** An environment: process.env, or a plain object in tests. */
type Env = Record<string, string | undefined>;

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes" || v === "on");

const envSchema = z.object({
  WEBHOOK_SECRET: z.string().optional().transform((v) => (v ? v : undefined)),
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
  WEBHOOK_STRICT: flag,
});

export type AppConfig = z.infer<typeof envSchema>;

const databaseSchema = z.object({
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
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
