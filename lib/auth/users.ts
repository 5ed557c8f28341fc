// People who can sign in, managed by administrators (and, for the first one and for password resets,
// from the shell). Passwords are hashed by better-auth (scrypt); every change is audited.
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { prisma, readPrisma } from "../db";
import { formatIst } from "../time";
import { authorize, type Viewer } from "./access";
import { auditAs, recordAudit } from "./audit";
import { getAuth } from "./auth";
import { isRole, ROLES, type Role } from "./roles";

/** Who made a change: a signed-in admin, or the shell / first-run setup (no account). */
export type Actor = { viewer: Viewer } | { system: string };

export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

export const passwordSchema = z.string().min(12, { error: "Passwords need at least 12 characters." }).max(128, { error: "Passwords can have at most 128 characters." });
export const newUserSchema = z.object({
  email: z.email({ error: "Enter an email address." }).transform((v) => v.toLowerCase()),
  name: z.string().trim().min(1, { error: "Enter a name." }).max(100),
  role: z.enum(ROLES, { error: "Choose a role." }),
  password: passwordSchema,
});
export type NewUser = z.infer<typeof newUserSchema>;

/** A strong password to hand over once (the person should change it). */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

async function audit(actor: Actor, action: string, target: string, detail: Record<string, unknown> = {}) {
  if ("viewer" in actor) await auditAs(actor.viewer, action, target, detail);
  else await recordAudit({ action, target, targetIsIdentifier: true, detail: { ...detail, by: actor.system } });
}

function requireAdmin(actor: Actor) {
  if ("viewer" in actor) authorize(actor.viewer, "users:manage");
}

export async function createUser(actor: Actor, input: NewUser): Promise<{ id: string }> {
  requireAdmin(actor);
  const user = newUserSchema.parse(input);
  const ctx = await (await getAuth()).$context;
  if (await ctx.internalAdapter.findUserByEmail(user.email)) throw new UserError(`${user.email} already has an account.`);
  const created = await ctx.internalAdapter.createUser({ email: user.email, name: user.name, role: user.role, emailVerified: true, banned: false }, { method: "admin" });
  await ctx.internalAdapter.linkAccount({ userId: created.id, providerId: "credential", accountId: created.id, password: await ctx.password.hash(user.password) });
  await audit(actor, "user.create", user.email, { role: user.role });
  return { id: created.id };
}

async function userOrThrow(id: string) {
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user) throw new UserError("No such user.");
  return user;
}

/** Admins left if this user stopped being one (an installation must keep one). */
async function otherActiveAdmins(id: string): Promise<number> {
  return prisma.user.count({ where: { id: { not: id }, role: "admin", banned: { not: true } } });
}

export async function setRole(actor: Actor, id: string, role: Role): Promise<void> {
  requireAdmin(actor);
  const user = await userOrThrow(id);
  if (!isRole(role)) throw new UserError("Unknown role.");
  if (user.role === "admin" && role !== "admin" && (await otherActiveAdmins(id)) === 0) throw new UserError("This is the last administrator: make someone else an administrator first.");
  await prisma.user.update({ where: { id }, data: { role } });
  await audit(actor, "user.role", user.email, { from: user.role, to: role });
}

/** Disabled users cannot sign in, and every session they have ends at once. */
export async function setDisabled(actor: Actor, id: string, disabled: boolean): Promise<void> {
  requireAdmin(actor);
  const user = await userOrThrow(id);
  if (disabled && "viewer" in actor && actor.viewer.userId === id) throw new UserError("You cannot disable yourself.");
  if (disabled && user.role === "admin" && (await otherActiveAdmins(id)) === 0) throw new UserError("This is the last administrator.");
  await prisma.$transaction([
    prisma.user.update({ where: { id }, data: { banned: disabled, banReason: disabled ? "disabled by an administrator" : null } }),
    ...(disabled ? [prisma.session.deleteMany({ where: { userId: id } })] : []),
  ]);
  await audit(actor, disabled ? "user.disable" : "user.enable", user.email);
}

/** A new password; the user's sessions end. */
export async function resetPassword(actor: Actor, id: string, password: string): Promise<void> {
  requireAdmin(actor);
  const user = await userOrThrow(id);
  const ctx = await (await getAuth()).$context;
  const hash = await ctx.password.hash(passwordSchema.parse(password));
  const hasCredential = await prisma.account.count({ where: { userId: id, providerId: "credential" } });
  if (hasCredential) await ctx.internalAdapter.updatePassword(id, hash);
  else await ctx.internalAdapter.linkAccount({ userId: id, providerId: "credential", accountId: id, password: hash });
  await prisma.session.deleteMany({ where: { userId: id } });
  await audit(actor, "user.reset-password", user.email);
}

export async function findUserIdByEmail(email: string): Promise<string | null> {
  return (await prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } }))?.id ?? null;
}

export async function listUsers(viewer: Viewer) {
  authorize(viewer, "users:manage");
  const users = await readPrisma.user.findMany({ orderBy: { email: "asc" }, include: { _count: { select: { sessions: true } } } });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: isRole(u.role) ? u.role : null,
    disabled: u.banned === true,
    sessions: u._count.sessions,
    created: formatIst(u.createdAt),
    isYou: u.id === viewer.userId,
  }));
}
