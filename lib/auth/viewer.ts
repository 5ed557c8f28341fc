// The signed-in person for the page or action being served. Sessions end after SESSION_IDLE_MINUTES
// without use (checked here, from the session's last use) and SESSION_MAX_HOURS after sign-in
// (better-auth's expiry), and at once when the user is disabled (their sessions are deleted).
import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { clientIpOf, PATH_HEADER, safeReturnPath } from "../request-context";
import { authConfig } from "../config";
import { prisma } from "../db";
import type { Viewer } from "./access";
import { getAuth } from "./auth";
import { can, isRole, type Permission } from "./roles";

export type { Viewer } from "./access";

const TOUCH_EVERY_MS = 60_000;

/** The viewer behind a request's cookies, or null (no session, expired, idle too long, disabled). */
export async function viewerFromHeaders(requestHeaders: Headers): Promise<Viewer | null> {
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers: requestHeaders });
  if (!found) return null;
  const { session, user } = found;
  const idleMs = Date.now() - new Date(session.updatedAt).getTime();
  if (idleMs > authConfig().SESSION_IDLE_MINUTES * 60_000) {
    await prisma.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (user.banned || !isRole(user.role)) return null;
  // Record the use, at most once a minute.
  if (idleMs > TOUCH_EVERY_MS) await prisma.session.updateMany({ where: { id: session.id }, data: { updatedAt: new Date() } });
  return { userId: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.id, ip: clientIpOf(requestHeaders) };
}

/** The viewer of the page being rendered (once per request). */
export const getViewer = cache(async (): Promise<Viewer | null> => viewerFromHeaders(await headers()));

/** Where to sign in, coming back to `path` afterwards. */
export function signInHref(path: string | null): string {
  const back = safeReturnPath(path);
  return back ? `/sign-in?next=${encodeURIComponent(back)}` : "/sign-in";
}

/** For pages: sign-in when anonymous, 403 when the role lacks the permission. */
export async function requireViewer(permission: Permission): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(signInHref((await headers()).get(PATH_HEADER)));
  if (!can(viewer.role, permission)) forbidden();
  return viewer;
}
