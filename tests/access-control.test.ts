// Sign-in through the real better-auth route, sessions as pages see them, roles in the data layer,
// the audit trail and the first administrator. (Pages, actions and headers: e2e/04-access.spec.ts.)
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/auth/[...all]/route";
import { AccessDeniedError } from "@/lib/auth/access";
import { listAudit, parseAuditParams } from "@/lib/auth/audit";
import { completeSetup, isValidSetupToken, prepareFirstAdministrator } from "@/lib/auth/bootstrap";
import { createUser, listUsers, resetPassword, setDisabled, setRole } from "@/lib/auth/users";
import { viewerFromHeaders } from "@/lib/auth/viewer";
import { prisma } from "@/lib/db";
import { getDelivery, listDeliveries, parseDeliveryParams } from "@/lib/deliveries/list-deliveries";
import { findPaymentsByUtr, lookupUtrs } from "@/lib/payments/find-by-utr";
import { getPaymentByObjectId } from "@/lib/payments/get-payment";
import { parseListParams } from "@/lib/payments/list-params";
import { listErrorCodes } from "@/lib/payments/error-codes";
import { listPayments } from "@/lib/payments/list-payments";
import { CLIENT_IP_HEADER, safeReturnPath } from "@/lib/request-context";
import { admin, finance, support } from "./support/viewers";
import { freshPayment, postWebhook } from "./support/webhook";

const ORIGIN = "http://localhost";
const PASSWORD = "a long enough password";

// Each sign-in from its own address unless a test says otherwise: better-auth also limits
// sign-ins per address (10 a minute), which would otherwise trip across tests.
let addresses = 0;
const nextAddress = () => `10.77.${Math.floor(++addresses / 250)}.${addresses % 250}`;

async function signIn(email: string, password: string, ip = nextAddress()) {
  const response = await POST(new Request(`${ORIGIN}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, [CLIENT_IP_HEADER]: ip },
    body: JSON.stringify({ email, password }),
  }));
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.includes("session_token")) ?? null;
  return { status: response.status, cookie };
}

const viewerOf = (cookie: string | null) => viewerFromHeaders(new Headers({ host: "localhost", [CLIENT_IP_HEADER]: "198.51.100.1", ...(cookie ? { cookie } : {}) }));
const sessionsOf = (email: string) => prisma.session.count({ where: { user: { email } } });

let payment: { objectId: string; utr: string; deliveryId: number };
beforeAll(async () => {
  const body = freshPayment();
  const answer = await postWebhook(body);
  payment = { objectId: body.payment.objectId, utr: body.payment.utr, deliveryId: answer.ack.deliveryId! };
  for (const role of ["admin", "finance", "support"] as const) {
    await createUser({ system: "test" }, { email: `${role}.person@payments-desk.test`, name: `${role} person`, role, password: PASSWORD });
  }
});

afterEach(() => {
  for (const key of ["SIGN_IN_MAX_FAILURES", "SIGN_IN_MAX_FAILURES_PER_IP", "SESSION_IDLE_MINUTES", "ADMIN_EMAIL", "ADMIN_PASSWORD"]) delete process.env[key];
});

describe("signing in", () => {
  it("POST /api/auth/sign-in/email sets an HttpOnly, SameSite session cookie that pages accept", async () => {
    const response = await POST(new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email: "finance.person@payments-desk.test", password: PASSWORD }),
    }));
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.includes("session_token"))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const viewer = await viewerOf(cookie.split(";")[0]!);
    expect(viewer).toMatchObject({ email: "finance.person@payments-desk.test", role: "finance", ip: "198.51.100.1" });
    expect(cookie).not.toMatch(/Secure/); // only behind HTTPS (APP_URL https://…, or production)
  });

  it("gives every sign-in a new session id, and stores passwords only as a slow hash", async () => {
    const first = await signIn("support.person@payments-desk.test", PASSWORD);
    const second = await signIn("support.person@payments-desk.test", PASSWORD);
    expect(first.cookie).not.toBe(second.cookie);
    const account = await prisma.account.findFirstOrThrow({ where: { user: { email: "support.person@payments-desk.test" }, providerId: "credential" } });
    expect(account.password).not.toContain(PASSWORD);
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/); // scrypt: salt:key
  });

  it("refuses a wrong password and a tampered cookie", async () => {
    expect((await signIn("finance.person@payments-desk.test", "not the password")).status).toBe(401);
    const { cookie } = await signIn("finance.person@payments-desk.test", PASSWORD);
    const [name, value] = cookie!.split("=") as [string, string];
    const tampered = `${name}=${value.slice(0, 5)}${value[5] === "A" ? "B" : "A"}${value.slice(6)}`;
    expect(await viewerOf(tampered)).toBeNull();
    expect(await viewerOf(`${name}=forged-token.${value.split(".")[1]}`)).toBeNull();
    expect(await viewerOf(cookie)).not.toBeNull();
  });

  it("locks an account out after repeated failures, even for the right password, and says so", async () => {
    process.env.SIGN_IN_MAX_FAILURES = "3";
    const email = "locked.person@payments-desk.test";
    await createUser({ system: "test" }, { email, name: "Locked", role: "finance", password: PASSWORD });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await signIn(email, "wrong password 123", `198.51.100.${10 + i}`)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const locked = await signIn(email, PASSWORD, "198.51.100.99");
    expect(locked.status).toBe(429);
    expect(locked.cookie).toBeNull();
    const entries = await prisma.auditEvent.findMany({ where: { target: email }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["user.create", "sign-in.failed", "sign-in.failed", "sign-in.failed", "sign-in.locked"]);
  });

  it("locks an address out after repeated failures across accounts", async () => {
    process.env.SIGN_IN_MAX_FAILURES_PER_IP = "4";
    for (let i = 0; i < 4; i++) expect((await signIn(`nobody${i}@payments-desk.test`, "wrong password 123", "203.0.113.200")).status).toBe(401);
    expect((await signIn("admin.person@payments-desk.test", PASSWORD, "203.0.113.200")).status).toBe(429);
    expect((await signIn("admin.person@payments-desk.test", PASSWORD, "203.0.113.201")).status).toBe(200);
  });
});

describe("what better-auth offers and Payments Desk does not", () => {
  it("has no sign-up, no impersonation and no admin endpoints that would bypass the audited ones", async () => {
    const { cookie } = await signIn("admin.person@payments-desk.test", PASSWORD);
    const post = (path: string, body: object) =>
      POST(new Request(`${ORIGIN}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN, cookie: cookie! }, body: JSON.stringify(body) }));
    for (const [path, body] of [
      ["/sign-up/email", { email: "self@payments-desk.test", password: PASSWORD, name: "Self" }],
      ["/admin/create-user", { email: "sneaky@payments-desk.test", password: PASSWORD, name: "S", role: "admin" }],
      ["/admin/impersonate-user", { userId: "x" }],
      ["/admin/set-role", { userId: "x", role: "admin" }],
      ["/update-user", { name: "Renamed" }],
    ] as const) {
      expect((await post(path, body)).status, path).toBe(404);
    }
    expect(await prisma.user.count({ where: { email: { in: ["self@payments-desk.test", "sneaky@payments-desk.test"] } } })).toBe(0);
  });

  it("lets a user change their own password (with the current one), audited", async () => {
    const email = "changer@payments-desk.test";
    await createUser({ system: "test" }, { email, name: "Changer", role: "support", password: PASSWORD });
    const { cookie } = await signIn(email, PASSWORD);
    const change = (currentPassword: string) =>
      POST(new Request(`${ORIGIN}/api/auth/change-password`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, cookie: cookie! },
        body: JSON.stringify({ currentPassword, newPassword: "my own new password", revokeOtherSessions: true }),
      }));
    expect((await change("not my password")).status).toBe(400);
    expect((await change(PASSWORD)).status).toBe(200);
    expect((await signIn(email, "my own new password")).status).toBe(200);
    const actions = (await prisma.auditEvent.findMany({ where: { target: email }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user.create", "sign-in", "user.change-password.failed", "user.change-password", "sign-in"]);
  });
});

describe("the way back after signing in", () => {
  it.each([
    ["/payments?result=failure", "/payments?result=failure"],
    ["//evil.example/x", null],
    ["/\\evil.example", null],
    ["https://evil.example", null],
    ["/sign-in?next=/x", null],
    ["/payments\nSet-Cookie: x", null],
    [null, null],
  ])("%j → %j", (path, expected) => {
    expect(safeReturnPath(path)).toBe(expected);
  });
});

describe("sessions", () => {
  it("end after the idle timeout, measured from the last use", async () => {
    const { cookie } = await signIn("finance.person@payments-desk.test", PASSWORD);
    const token = cookie!.split("=")[1]!.split(".")[0]!;
    await prisma.session.update({ where: { token }, data: { updatedAt: new Date(Date.now() - 29 * 60_000) } });
    expect(await viewerOf(cookie)).not.toBeNull(); // still within 30 minutes, and this use counts
    expect((await prisma.session.findUniqueOrThrow({ where: { token } })).updatedAt.getTime()).toBeGreaterThan(Date.now() - 5_000);
    await prisma.session.update({ where: { token }, data: { updatedAt: new Date(Date.now() - 31 * 60_000) } });
    expect(await viewerOf(cookie)).toBeNull();
    expect(await prisma.session.findUnique({ where: { token } })).toBeNull();
  });

  it("end at the absolute timeout however they are used", async () => {
    const { cookie } = await signIn("finance.person@payments-desk.test", PASSWORD);
    const token = cookie!.split("=")[1]!.split(".")[0]!;
    const session = await prisma.session.findUniqueOrThrow({ where: { token } });
    expect(Math.abs(session.expiresAt.getTime() - session.createdAt.getTime() - 12 * 3_600_000)).toBeLessThan(1000);
    await prisma.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await viewerOf(cookie)).toBeNull();
  });

  it("end at sign-out", async () => {
    const { cookie } = await signIn("finance.person@payments-desk.test", PASSWORD);
    const out = await POST(new Request(`${ORIGIN}/api/auth/sign-out`, { method: "POST", headers: { cookie: cookie!, origin: ORIGIN } }));
    expect(out.status).toBe(200);
    expect(await viewerOf(cookie)).toBeNull();
    const session = await GET(new Request(`${ORIGIN}/api/auth/get-session`, { headers: { cookie: cookie! } }));
    expect(await session.json()).toBeNull();
  });

  it("of a disabled user end at once, and the user cannot sign in again until enabled", async () => {
    const email = "leaver@payments-desk.test";
    const { id } = await createUser({ viewer: admin }, { email, name: "Leaver", role: "finance", password: PASSWORD });
    const { cookie } = await signIn(email, PASSWORD);
    expect(await viewerOf(cookie)).not.toBeNull();
    await setDisabled({ viewer: admin }, id, true);
    expect(await sessionsOf(email)).toBe(0);
    expect(await viewerOf(cookie)).toBeNull();
    expect((await signIn(email, PASSWORD)).status).not.toBe(200);
    await setDisabled({ viewer: admin }, id, false);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it("end when an administrator resets the password; the new one works", async () => {
    const email = "forgetful@payments-desk.test";
    const { id } = await createUser({ viewer: admin }, { email, name: "Forgetful", role: "support", password: PASSWORD });
    const { cookie } = await signIn(email, PASSWORD);
    await resetPassword({ viewer: admin }, id, "another long password");
    expect(await viewerOf(cookie)).toBeNull();
    expect((await signIn(email, PASSWORD)).status).toBe(401);
    expect((await signIn(email, "another long password")).status).toBe(200);
  });
});

describe("roles in the data layer (deny by default)", () => {
  const calls = {
    "payments list": (v: typeof admin) => listPayments(v, parseListParams({})),
    "error codes": (v: typeof admin) => listErrorCodes(v),
    "payment page": (v: typeof admin) => getPaymentByObjectId(v, payment.objectId),
    "UTR search": (v: typeof admin) => findPaymentsByUtr(v, payment.utr),
    "bulk lookup": (v: typeof admin) => lookupUtrs(v, [payment.utr]),
    "delivery log": (v: typeof admin) => listDeliveries(v, parseDeliveryParams({})),
    "delivery page": (v: typeof admin) => getDelivery(v, payment.deliveryId),
    "users": (v: typeof admin) => listUsers(v),
    "audit log": (v: typeof admin) => listAudit(v, parseAuditParams({})),
  } as const;
  const allowed: Record<keyof typeof calls, string[]> = {
    "payments list": ["admin", "finance"],
    "error codes": ["admin", "finance"],
    "payment page": ["admin", "finance", "support"],
    "UTR search": ["admin", "finance", "support"],
    "bulk lookup": ["admin", "finance", "support"],
    "delivery log": ["admin", "finance", "support"],
    "delivery page": ["admin", "finance", "support"],
    "users": ["admin"],
    "audit log": ["admin"],
  };

  it.each(Object.keys(calls) as (keyof typeof calls)[])("%s: allowed roles only, and never without a viewer", async (name) => {
    for (const viewer of [admin, finance, support]) {
      const call = calls[name](viewer);
      if (allowed[name].includes(viewer.role)) await expect(call).resolves.toBeDefined();
      else await expect(call).rejects.toBeInstanceOf(AccessDeniedError);
    }
    await expect(calls[name](null as unknown as typeof admin)).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("support gets payment and delivery pages without raw bodies or headers", async () => {
    const forSupport = (await getPaymentByObjectId(support, payment.objectId))!;
    expect(forSupport.deliveries.some((d) => "body" in d)).toBe(false);
    expect((await getPaymentByObjectId(finance, payment.objectId))!.deliveries.some((d) => "body" in d)).toBe(true);
    expect((await getDelivery(support, payment.deliveryId))!.raw).toBeNull();
    expect((await getDelivery(finance, payment.deliveryId))!.raw?.body).toContain(payment.objectId);
  });

  it("only administrators change users, and the last administrator stays one", async () => {
    const { id } = await createUser({ viewer: admin }, { email: "promote@payments-desk.test", name: "P", role: "support", password: PASSWORD });
    await expect(setRole({ viewer: finance }, id, "admin")).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(createUser({ viewer: support }, { email: "x@payments-desk.test", name: "X", role: "admin", password: PASSWORD })).rejects.toBeInstanceOf(AccessDeniedError);
    await setRole({ viewer: admin }, id, "finance");
    expect((await prisma.user.findUniqueOrThrow({ where: { id } })).role).toBe("finance");
    const admins = await prisma.user.findMany({ where: { role: "admin" } });
    for (const a of admins.slice(1)) await setDisabled({ system: "test" }, a.id, true);
    await expect(setRole({ system: "test" }, admins[0]!.id, "finance")).rejects.toThrow(/last administrator/);
    for (const a of admins.slice(1)) await setDisabled({ system: "test" }, a.id, false);
  });
});

describe("the audit trail", () => {
  it("records searches, views and raw views with who and from where", async () => {
    await findPaymentsByUtr(support, payment.utr);
    await lookupUtrs(support, [payment.utr, "NOPE"]);
    await getPaymentByObjectId(support, payment.objectId);
    await getDelivery(finance, payment.deliveryId);
    const { rows } = await listAudit(admin, parseAuditParams({}));
    const mine = rows.filter((r) => r.actor === support.email || r.actor === finance.email).slice(0, 4).reverse();
    expect(mine.map((r) => [r.actor, r.action, r.target])).toEqual([
      [support.email, "utr.search", payment.utr],
      [support.email, "utr.bulk-lookup", null],
      [support.email, "payment.view", payment.objectId],
      [finance.email, "raw.view", String(payment.deliveryId)],
    ]);
    expect(mine.every((r) => r.ip === "198.51.100.20")).toBe(true);
  });

  it("keeps identifiers exact, and masks what may be anything typed", async () => {
    await createUser({ viewer: admin }, { email: "user.9876543210@payments-desk.test", name: "Digits", role: "support", password: PASSWORD });
    await findPaymentsByUtr(support, "73918264550917"); // no such UTR: perhaps an account number
    const { rows } = await listAudit(admin, parseAuditParams({}));
    expect(rows.find((r) => r.action === "user.create")?.target).toBe("user.9876543210@payments-desk.test");
    expect(rows.find((r) => r.action === "utr.search")?.target).toBe("XXXXXXXXXX0917");
  });

  it("cannot be changed or deleted, even with a database connection", async () => {
    const entry = await prisma.auditEvent.findFirstOrThrow();
    const count = await prisma.auditEvent.count();
    await expect(prisma.auditEvent.update({ where: { id: entry.id }, data: { action: "nothing happened" } })).rejects.toThrow();
    await expect(prisma.auditEvent.delete({ where: { id: entry.id } })).rejects.toThrow();
    await expect(prisma.$executeRawUnsafe('DELETE FROM "AuditEvent"')).rejects.toThrow(/append-only/);
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
    expect(await prisma.auditEvent.count()).toBe(count);
  });
});

describe("the first administrator", () => {
  it("comes from a one-time setup link when ADMIN_EMAIL is not set", async () => {
    await prisma.user.updateMany({ where: { role: "admin" }, data: { role: "finance" } }); // as on a fresh install
    const first = await prepareFirstAdministrator();
    const second = await prepareFirstAdministrator(); // a restart: the first link stops working
    expect(first && second).toBeTruthy();
    expect(await isValidSetupToken(first!.setupToken)).toBe(false);
    expect(await isValidSetupToken(second!.setupToken)).toBe(true);
    await expect(completeSetup("guessed", { email: "root@payments-desk.test", name: "Root", password: PASSWORD })).rejects.toThrow(/no longer valid/);
    await completeSetup(second!.setupToken, { email: "root@payments-desk.test", name: "Root", password: PASSWORD });
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "root@payments-desk.test" } })).role).toBe("admin");
    expect(await isValidSetupToken(second!.setupToken)).toBe(false);
    await expect(completeSetup(second!.setupToken, { email: "again@payments-desk.test", name: "Again", password: PASSWORD })).rejects.toThrow(/no longer valid/);
    expect(await prepareFirstAdministrator()).toBeNull();
    expect((await signIn("root@payments-desk.test", PASSWORD)).status).toBe(200);
  });

  it("comes from ADMIN_EMAIL and ADMIN_PASSWORD when set, once, and is left alone after", async () => {
    await prisma.user.updateMany({ where: { role: "admin" }, data: { role: "finance" } });
    process.env.ADMIN_EMAIL = "Boss@Payments-Desk.test";
    process.env.ADMIN_PASSWORD = "the boss's long password";
    expect(await prepareFirstAdministrator()).toBeNull();
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "boss@payments-desk.test" } })).role).toBe("admin");
    expect(await prepareFirstAdministrator()).toBeNull();
    expect(await prisma.user.count({ where: { email: "boss@payments-desk.test" } })).toBe(1);
    expect((await signIn("boss@payments-desk.test", "the boss's long password")).status).toBe(200);
  });
});
