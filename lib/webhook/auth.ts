// Webhook authentication: a static shared-secret header (EnKash lets merchants define static
// headers) compared in constant time, and an optional source-IP allow-list.
import { createHash, timingSafeEqual } from "node:crypto";
import type { AppConfig } from "../config";

export type AuthFailure = { status: 401 | 403; reason: string };

/** The caller's IP. Behind N trusted proxies it is the N-th X-Forwarded-For entry from the right. */
export function sourceIp(headers: Headers, trustedProxyHops: number): string | null {
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const ip = hops[hops.length - Math.max(1, trustedProxyHops)] ?? null;
  return ip?.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1") ?? null;
}

export function authenticate(headers: Headers, ip: string | null, config: AppConfig): AuthFailure | null {
  if (config.WEBHOOK_ALLOWED_IPS.length > 0 && !(ip && ipAllowed(ip, config.WEBHOOK_ALLOWED_IPS))) {
    return { status: 403, reason: `source IP ${ip ?? "unknown"} is not in WEBHOOK_ALLOWED_IPS` };
  }
  if (config.WEBHOOK_SECRET !== undefined) {
    const presented = headers.get(config.WEBHOOK_SECRET_HEADER);
    if (presented === null) return { status: 401, reason: `missing ${config.WEBHOOK_SECRET_HEADER} header` };
    if (!secretsEqual(presented, config.WEBHOOK_SECRET)) return { status: 401, reason: `wrong ${config.WEBHOOK_SECRET_HEADER} header` };
  }
  return null;
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
