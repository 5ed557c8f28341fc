// Before the specs, with the server up: one person per role, each signed in once through
// POST /api/auth/sign-in/email, their browser state saved for the specs (sign-ins are rate-limited
// per address, so specs reuse these instead of signing in for every test).
import { mkdirSync } from "node:fs";
import { request, type FullConfig } from "@playwright/test";
import { PEOPLE, ROLE_STATE } from "./support";

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]!.use.baseURL!;
  mkdirSync("test-results/.auth", { recursive: true });
  const admin = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const signIn = async (context: typeof admin, who: { email: string; password: string }) => {
    const response = await context.post("/api/auth/sign-in/email", { data: who });
    if (!response.ok()) throw new Error(`signing in ${who.email}: ${response.status()} ${await response.text()}`);
  };
  await signIn(admin, PEOPLE.admin);
  for (const role of ["finance", "support"] as const) {
    const created = await admin.post("/api/auth/admin/create-user", { data: { ...PEOPLE[role], name: `E2E ${role}`, role } });
    if (!created.ok() && !(await created.text()).includes("already")) throw new Error(`creating ${role}: ${created.status()}`);
  }
  await admin.storageState({ path: ROLE_STATE.admin });
  await admin.dispose();
  for (const role of ["finance", "support"] as const) {
    const context = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
    await signIn(context, PEOPLE[role]);
    await context.storageState({ path: ROLE_STATE[role] });
    await context.dispose();
  }
}
