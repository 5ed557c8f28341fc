// A temporary lockout after repeated failed sign-ins, per account and per address, counted from
// the audit trail (so it holds across restarts and instances). A successful sign-in starts an
// account's count again; an address's count only ages out.
import "server-only";
import { authConfig } from "../config";
import { readPrisma } from "../db";

export async function lockoutFor(email: string, ip: string | null): Promise<{ reason: string; minutes: number } | null> {
  const config = authConfig();
  const since = new Date(Date.now() - config.SIGN_IN_LOCKOUT_MINUTES * 60_000);
  const minutes = config.SIGN_IN_LOCKOUT_MINUTES;
  if (email) {
    const lastSuccess = await readPrisma.auditEvent.findFirst({ where: { target: email, action: "sign-in", at: { gte: since } }, orderBy: { id: "desc" }, select: { at: true } });
    const failures = await readPrisma.auditEvent.count({ where: { target: email, action: "sign-in.failed", at: { gte: lastSuccess?.at ?? since } } });
    if (failures >= config.SIGN_IN_MAX_FAILURES) return { reason: "for this account", minutes };
  }
  if (ip) {
    const failures = await readPrisma.auditEvent.count({ where: { ip, action: "sign-in.failed", at: { gte: since } } });
    if (failures >= config.SIGN_IN_MAX_FAILURES_PER_IP) return { reason: "from this address", minutes };
  }
  return null;
}
