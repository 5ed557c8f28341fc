// The audit trail: who did what, when, from which address. Entries are only ever added: the app
// has no code that changes or removes one, and the database refuses both (migration triggers).
// Each entry is its own statement, outside any webhook transaction, so a webhook that fails never
// takes an audit entry with it.
import "server-only";
import { z } from "zod";
import { prisma, readPrisma } from "../db";
import { logEvent } from "../log";
import { maskFreeText } from "../masking/rules";
import { formatIst, istDayEnd, istDayStart } from "../time";
import { flattenSearchParams, type RawSearchParams } from "../url-state";
import { authorize, type Viewer } from "./access";

export interface AuditEntry {
  action: string;
  actor?: { id: string; email: string } | null;
  target?: string | null;
  /** The target is an identifier (a user's email, a UTR that matched payments): kept as it is. */
  targetIsIdentifier?: boolean;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

/** Adds an entry. Free text in it passes the account-number rule like everything else kept. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  const target = entry.target == null ? null : entry.target.slice(0, 300);
  await prisma.auditEvent.create({
    data: {
      action: entry.action,
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      target: target === null || entry.targetIsIdentifier ? target : maskFreeText(target).text,
      detail: entry.detail ? maskFreeText(JSON.stringify(entry.detail).slice(0, 4000)).text : null,
      ip: entry.ip ?? null,
    },
  });
}

/** The viewer's own action (its target an identifier unless `freeText`). */
export function auditAs(viewer: Viewer, action: string, target?: string | null, detail?: Record<string, unknown>, { freeText = false } = {}): Promise<void> {
  return recordAudit({ action, actor: { id: viewer.userId, email: viewer.email }, target, targetIsIdentifier: !freeText, detail, ip: viewer.ip });
}

/** For entries written where a failure must not undo what was done (sign-in bookkeeping). */
export async function recordAuditSafely(entry: AuditEntry): Promise<void> {
  try {
    await recordAudit(entry);
  } catch (error) {
    logEvent("error", "audit.write_failed", { action: entry.action, cause: error instanceof Error ? error.message : String(error) });
  }
}

const auditParamsSchema = z.object({
  action: z.string().trim().max(60).optional().catch(undefined).transform((v) => v || undefined),
  actor: z.string().trim().max(200).optional().catch(undefined).transform((v) => v || undefined),
  from: z.string().optional().catch(undefined).transform((v) => (v && istDayStart(v) ? v : undefined)),
  to: z.string().optional().catch(undefined).transform((v) => (v && istDayStart(v) ? v : undefined)),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditParams = z.infer<typeof auditParamsSchema>;

export const parseAuditParams = (raw: RawSearchParams) => auditParamsSchema.parse(flattenSearchParams(raw));

const PAGE = 100;

/** Newest first, keyset-paged, filtered by action, actor (email) and IST dates. Admins only. */
export async function listAudit(viewer: Viewer, p: AuditParams) {
  authorize(viewer, "audit:read");
  const from = p.from ? istDayStart(p.from) : null;
  const to = p.to ? istDayEnd(p.to) : null;
  const rows = await readPrisma.auditEvent.findMany({
    where: {
      ...(p.action ? { action: p.action } : {}),
      ...(p.actor ? { actorEmail: p.actor.toLowerCase() } : {}),
      ...(from || to ? { at: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
      ...(p.before ? { id: { lt: p.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: PAGE + 1,
  });
  const page = rows.slice(0, PAGE);
  return {
    rows: page.map((r) => ({ id: r.id, at: formatIst(r.at), actor: r.actorEmail, action: r.action, target: r.target, detail: r.detail, ip: r.ip })),
    nextBefore: rows.length > PAGE ? page.at(-1)!.id : null,
  };
}

/** The actions seen, for the filter. */
export async function listAuditActions(viewer: Viewer): Promise<string[]> {
  authorize(viewer, "audit:read");
  const groups = await readPrisma.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return groups.map((g) => g.action);
}
