// Sign-in, built on better-auth: email and password (scrypt), sessions stored in the database (so
// they can be revoked) in HttpOnly, SameSite=Lax cookies, Secure behind HTTPS, and roles through its
// admin plugin. What it lacks we add here: an idle and an absolute timeout, a lockout per account
// and per address, and an audit entry for every sign-in and failure.
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { admin } from "better-auth/plugins";
import { CLIENT_IP_HEADER } from "../request-context";
import { authConfig } from "../config";
import { databaseKind } from "../database-url";
import { prisma } from "../db";
import { authSecret } from "../secrets";
import { recordAuditSafely } from "./audit";
import { lockoutFor } from "./lockout";

export const SIGN_IN_PATH = "/sign-in/email";
const CHANGE_PASSWORD_PATH = "/change-password";

// Endpoints Payments Desk does not offer. Accounts are created and changed by administrators through
// lib/auth/users.ts (audited), so better-auth's own admin endpoints (including impersonation) are off;
// so is everything that needs email, and self-service changes to one's name or email.
const DISABLED_PATHS = [
  "/sign-up/email", "/update-user", "/change-email", "/delete-user", "/request-password-reset", "/reset-password",
  "/send-verification-email", "/verify-email",
  ...["create-user", "update-user", "set-role", "set-user-password", "ban-user", "unban-user", "impersonate-user",
    "stop-impersonating", "remove-user", "revoke-user-session", "revoke-user-sessions", "list-users", "list-user-sessions", "get-user",
  ].map((p) => `/admin/${p}`),
];

function createAuth(secret: string) {
  const config = authConfig();
  return betterAuth({
    appName: "Payments Desk",
    secret,
    // Without APP_URL the request's own host is used (the origin check then compares with it);
    // cookies are Secure unless APP_URL says http (production defaults to Secure).
    ...(config.APP_URL ? { baseURL: config.APP_URL } : { baseURL: { allowedHosts: ["*"], protocol: "auto" as const, fallback: `http://localhost:${process.env.PORT ?? 3000}` } }),
    database: prismaAdapter(prisma, { provider: databaseKind() }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true, // accounts are created by an administrator
      autoSignIn: false,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
    },
    // The absolute timeout: a session (and its cookie) ends this long after sign-in, however it is
    // used. The idle timeout is lib/auth/viewer.ts's, from the session's last use (updatedAt).
    session: { expiresIn: config.SESSION_MAX_HOURS * 3600, disableSessionRefresh: true },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: { [SIGN_IN_PATH]: { window: 60, max: 10 } },
    },
    advanced: {
      cookiePrefix: "payments-desk",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      ...(config.APP_URL ? { useSecureCookies: config.APP_URL.startsWith("https://") } : {}),
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    plugins: [admin({ defaultRole: "support", adminRoles: ["admin"] }), nextCookies()],
    telemetry: { enabled: false },
    disabledPaths: DISABLED_PATHS,
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN_PATH) return;
        const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? "").trim().toLowerCase();
        const ip = ctx.request?.headers.get(CLIENT_IP_HEADER) ?? ctx.headers?.get(CLIENT_IP_HEADER) ?? null;
        const locked = await lockoutFor(email, ip);
        if (!locked) return;
        await recordAuditSafely({ action: "sign-in.locked", target: email, targetIsIdentifier: true, ip, detail: { reason: locked.reason } });
        throw new APIError("TOO_MANY_REQUESTS", { message: `Too many failed sign-ins ${locked.reason}. Try again in ${locked.minutes} minutes.` });
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path === CHANGE_PASSWORD_PATH) {
          const user = ctx.context.session?.user ?? ctx.context.newSession?.user;
          const failed = ctx.context.returned instanceof Error;
          if (user) await recordAuditSafely({ action: failed ? "user.change-password.failed" : "user.change-password", actor: { id: user.id, email: user.email }, target: user.email, targetIsIdentifier: true });
          return;
        }
        if (ctx.path !== SIGN_IN_PATH) return;
        const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? "").trim().toLowerCase();
        const ip = ctx.request?.headers.get(CLIENT_IP_HEADER) ?? ctx.headers?.get(CLIENT_IP_HEADER) ?? null;
        const signedIn = ctx.context.newSession;
        if (signedIn) {
          await recordAuditSafely({ action: "sign-in", actor: { id: signedIn.user.id, email: signedIn.user.email }, target: email, targetIsIdentifier: true, ip });
        } else {
          // What was typed as an email may be anything: the account-number rule applies.
          await recordAuditSafely({ action: "sign-in.failed", target: email, ip });
        }
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

let instance: Promise<Auth> | undefined;

/** The one better-auth instance (created once its secret is known). */
export function getAuth(): Promise<Auth> {
  instance ??= authSecret().then(createAuth, (error: unknown) => {
    instance = undefined; // the database was not ready: try again on the next request
    throw error;
  });
  return instance;
}
