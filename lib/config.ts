// Environment, validated once with zod. Every variable is listed in README.md → Configuration.
import { z } from "zod";

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

/** The validated configuration (read per call: cheap, and tests may change the environment). */
export function appConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration (see README → Configuration): ${problems}`);
  }
  return parsed.data;
}
