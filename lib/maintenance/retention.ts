// Retention (README → Retention): the raw bodies of rejected and duplicate deliveries are removed
// after RETENTION_DAYS. What a payment is made of is kept for good: the deliveries that set or
// changed its state (accepted, updated, revised) and those kept for review (stale, conflict). The
// delivery rows themselves stay (time, outcome, reason, ids): only the body goes, and the row
// says when (bodyPurgedAt). Expired sessions and sign-in bookkeeping are removed too. The audit
// trail is never pruned (the database refuses it).
//
// Run by `npm run retention`, by the server once a day, and by an admin from Settings. Safe to run
// on several instances at once: every step is idempotent and works in bounded batches.
import "server-only";
import { appConfig } from "../config";
import { prisma } from "../db";
import { logEvent } from "../log";
import { readSetting, writeSetting } from "../settings";
import { yieldToEventLoop } from "../yield";

export const PURGED_OUTCOMES = ["rejected", "duplicate"];
const BATCH = 500;
const LAST_RUN = "retention.lastRun";

export interface RetentionResult {
  days: number;
  cutoff: Date | null;
  bodiesRemoved: number;
  bytesRemoved: number;
  sessionsRemoved: number;
  verificationsRemoved: number;
}

/** Applies retention now. `progress` hears how many bodies were removed so far. */
export async function applyRetention(progress: (removed: number) => void = () => undefined, now = new Date()): Promise<RetentionResult> {
  const days = appConfig().RETENTION_DAYS;
  const cutoff = days === 0 ? null : new Date(now.getTime() - days * 86_400_000);
  let bodiesRemoved = 0;
  let bytesRemoved = 0;
  if (cutoff) {
    for (;;) {
      const batch = await prisma.delivery.findMany({
        where: { outcome: { in: PURGED_OUTCOMES }, receivedAt: { lt: cutoff }, bodyPurgedAt: null },
        orderBy: [{ outcome: "asc" }, { receivedAt: "asc" }],
        take: BATCH,
        select: { id: true, bodyBytes: true },
      });
      if (batch.length === 0) break;
      const { count } = await prisma.delivery.updateMany({
        where: { id: { in: batch.map((d) => d.id) }, bodyPurgedAt: null },
        data: { rawBody: "", decryptedBody: null, bodyPurgedAt: now },
      });
      bodiesRemoved += count;
      bytesRemoved += batch.reduce((sum, d) => sum + d.bodyBytes, 0);
      progress(bodiesRemoved);
      await yieldToEventLoop();
    }
  }
  const sessions = await prisma.session.deleteMany({ where: { expiresAt: { lt: now } } });
  const verifications = await prisma.verification.deleteMany({ where: { expiresAt: { lt: now } } });
  // Sign-in rate-limit windows are a minute long: a day-old counter is history.
  await prisma.rateLimit.deleteMany({ where: { lastRequest: { lt: BigInt(now.getTime() - 86_400_000) } } });
  await writeSetting(LAST_RUN, now.toISOString());
  const result = { days, cutoff, bodiesRemoved, bytesRemoved, sessionsRemoved: sessions.count, verificationsRemoved: verifications.count };
  logEvent("info", "retention.applied", { ...result, cutoff: cutoff?.toISOString() ?? null });
  return result;
}

/** When retention last ran (any instance), or null. */
export async function lastRetentionRun(): Promise<Date | null> {
  const value = await readSetting(LAST_RUN);
  return value ? new Date(value) : null;
}

const DAY_MS = 86_400_000;
let scheduled: NodeJS.Timeout | undefined;

/**
 * The server's schedule: an hour after start and then hourly, it applies retention if no instance
 * has in the last 23 hours. A failure is logged and tried again at the next hour.
 */
export function scheduleRetention(): void {
  if (scheduled) return;
  const tick = async () => {
    try {
      const last = await lastRetentionRun();
      if (!last || Date.now() - last.getTime() > DAY_MS - 3_600_000) await applyRetention();
    } catch (error) {
      logEvent("error", "retention.failed", { cause: error instanceof Error ? error.message : String(error) });
    }
  };
  scheduled = setInterval(() => void tick(), 3_600_000);
  scheduled.unref();
  setTimeout(() => void tick(), 3_600_000).unref();
}

/**
 * Rebuilds the database file so that space freed by retention is returned (SQLite: VACUUM, which
 * holds the write lock while it runs, so webhooks wait or answer 503; PostgreSQL: VACUUM, which
 * makes the space reusable without locking writers). For `npm run retention -- --vacuum`.
 */
export async function compactDatabase(): Promise<void> {
  await prisma.$executeRawUnsafe("VACUUM");
}
