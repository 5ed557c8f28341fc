// An unauthenticated caller cannot fill the disk or the log: refused (401/403) deliveries from one
// address are answered 429 beyond WEBHOOK_REFUSED_PER_MINUTE (and not stored), and only the first
// WEBHOOK_REFUSED_BODIES_PER_HOUR of them keep their body. Authenticated traffic never comes here.
import "server-only";
import { readPrisma } from "../db";
import { logEvent } from "../log";

const WINDOW_MS = 60_000;
const MAX_TRACKED = 10_000;
const recent = new Map<string, number[]>();
const dropped = new Map<string, number>();
let lastReport = Date.now();

/** Counts a refused request from `ip`; false when it is over the per-minute limit (answer 429). */
export function allowRefused(ip: string | null, perMinute: number, now = Date.now()): boolean {
  const key = ip ?? "unknown";
  const times = (recent.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  const allowed = times.length < perMinute;
  if (allowed) times.push(now);
  recent.delete(key); // re-inserted last: the map's first entries are the least recently seen
  recent.set(key, times);
  if (recent.size > MAX_TRACKED) recent.delete(recent.keys().next().value!);
  if (!allowed) dropped.set(key, (dropped.get(key) ?? 0) + 1);
  if (now - lastReport >= WINDOW_MS && dropped.size > 0) {
    logEvent("warn", "webhook.refused_rate_limited", { addresses: Object.fromEntries(dropped) });
    dropped.clear();
    lastReport = now;
  }
  return allowed;
}

let uploading = 0;

/**
 * A slot for reading a refused delivery's body, or null when `max` are already being read (a
 * flood of slow unauthenticated uploads cannot hold every connection). Release it when done.
 */
export function beginRefusedUpload(max: number): { release: () => void } | null {
  if (uploading >= max) return null;
  uploading++;
  let released = false;
  return {
    release: () => {
      if (!released) uploading--;
      released = true;
    },
  };
}

/** Whether a refused delivery from `ip` may keep its body: fewer than `perHour` kept this hour. */
export async function keepsRefusedBody(ip: string | null, perHour: number): Promise<boolean> {
  if (perHour === 0) return false;
  const kept = await readPrisma.delivery.count({
    where: { sourceIp: ip, auth: "refused", receivedAt: { gte: new Date(Date.now() - 3_600_000) }, rawBody: { not: "" } },
  });
  return kept < perHour;
}
