// The first administrator, with no default password anywhere: from ADMIN_EMAIL/ADMIN_PASSWORD when
// both are set (created once, left alone afterwards), otherwise through a one-time setup link that
// the server prints when it starts. Only that link can create the first administrator.
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { authConfig } from "../config";
import { prisma } from "../db";
import { deleteSetting, readSetting, writeSetting } from "../settings";
import { createUser, UserError, type NewUser } from "./users";

const SETUP_KEY = "setup.token";
const SETUP_VALID_HOURS = 24;
const digest = (token: string) => createHash("sha256").update(token).digest();

export async function hasAdministrator(): Promise<boolean> {
  return (await prisma.user.count({ where: { role: "admin" } })) > 0;
}

/**
 * Run at start: creates the configured administrator, or returns a fresh one-time setup token when
 * there is no administrator yet (a new token on every start until setup is done; old ones stop working).
 */
export async function prepareFirstAdministrator(): Promise<{ setupToken: string } | null> {
  if (await hasAdministrator()) return null;
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = authConfig();
  if (ADMIN_EMAIL && ADMIN_PASSWORD) {
    if (!(await prisma.user.findUnique({ where: { email: ADMIN_EMAIL.toLowerCase() } }))) {
      await createUser({ system: "ADMIN_EMAIL" }, { email: ADMIN_EMAIL, name: "Administrator", role: "admin", password: ADMIN_PASSWORD });
    }
    return null;
  }
  const token = randomBytes(24).toString("base64url");
  const value = JSON.stringify({ hash: digest(token).toString("hex"), until: new Date(Date.now() + SETUP_VALID_HOURS * 3_600_000).toISOString() });
  await writeSetting(SETUP_KEY, value);
  return { setupToken: token };
}

/** True while `token` is the current, unexpired setup token and no administrator exists. */
export async function isValidSetupToken(token: string): Promise<boolean> {
  if (!token || (await hasAdministrator())) return false;
  const stored = await readSetting(SETUP_KEY);
  if (!stored) return false;
  const { hash, until } = JSON.parse(stored) as { hash: string; until: string };
  const expected = Buffer.from(hash, "hex");
  const given = digest(token);
  return new Date(until).getTime() > Date.now() && expected.length === given.length && timingSafeEqual(expected, given);
}

/** Creates the first administrator with the setup token, which then stops working. */
export async function completeSetup(token: string, admin: Omit<NewUser, "role">): Promise<void> {
  if (!(await isValidSetupToken(token))) throw new UserError("This setup link is no longer valid. Restart the server for a new one, or sign in.");
  await createUser({ system: "setup link" }, { ...admin, role: "admin" });
  await deleteSetting(SETUP_KEY);
}
