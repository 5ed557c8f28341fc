// Webhook authentication, secure by default: EnKash must send the shared secret (WEBHOOK_SECRET, or
// one generated and stored on first start) in a static header, compared in constant time; during a
// rotation's grace period the previous secret is accepted too. WEBHOOK_AUTH=off is the only way to
// accept unauthenticated deliveries. An optional allow-list checks the caller's real address.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import type { AppConfig } from "../config";
import { webhookSecrets } from "../secrets";

export type AuthMethod = "secret" | "previous-secret" | "off";
export type WebhookAuth = { ok: true; method: AuthMethod } | { ok: false; status: 401 | 403; reason: string };

export async function authenticate(headers: Headers, ip: string | null, config: AppConfig): Promise<WebhookAuth> {
  if (config.WEBHOOK_ALLOWED_IPS.length > 0 && !(ip && ipAllowed(ip, config.WEBHOOK_ALLOWED_IPS))) {
    return { ok: false, status: 403, reason: `source IP ${ip ?? "unknown"} is not in WEBHOOK_ALLOWED_IPS` };
  }
  if (config.WEBHOOK_AUTH === "off") return { ok: true, method: "off" };
  const presented = headers.get(config.WEBHOOK_SECRET_HEADER);
  if (presented === null) return { ok: false, status: 401, reason: `missing ${config.WEBHOOK_SECRET_HEADER} header` };
  const secrets = await webhookSecrets(config);
  // Both comparisons always run, so the time taken does not say which secret matched.
  const current = secretsEqual(presented, secrets.current);
  const previous = secretsEqual(presented, secrets.previous?.value ?? secrets.current) && secrets.previous !== null;
  if (current) return { ok: true, method: "secret" };
  if (previous) return { ok: true, method: "previous-secret" };
  return { ok: false, status: 401, reason: `wrong ${config.WEBHOOK_SECRET_HEADER} header` };
}

/** Constant-time comparison; hashing first makes the lengths equal without leaking them. */
export function secretsEqual(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Exact addresses, or IPv4 CIDR blocks such as 203.0.113.0/24. */
export function ipAllowed(ip: string, allowList: readonly string[]): boolean {
  return allowList.some((entry) => {
    const [base, bits] = entry.split("/");
    if (bits === undefined) return base === ip;
    const a = ipv4ToInt(ip);
    const b = base === undefined ? null : ipv4ToInt(base);
    const n = Number(bits);
    if (a === null || b === null || !Number.isInteger(n) || n < 0 || n > 32) return false;
    const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
    return ((a & mask) >>> 0) === ((b & mask) >>> 0);
  });
}

function ipv4ToInt(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((acc, p) => ((acc << 8) | Number(p)) >>> 0, 0);
}
