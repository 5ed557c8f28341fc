// Before the specs, with the server up: one person per role (created from the shell, as an operator
// would, so the audit trail has them), each signed in once through POST /api/auth/sign-in/email,
// their browser state saved for the specs (sign-ins are rate-limited per address, so specs reuse
// these instead of signing in for every test).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { request, type FullConfig } from "@playwright/test";
import { PEOPLE, ROLE_STATE } from "./support";

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]!.use.baseURL!;
  mkdirSync("test-results/.auth", { recursive: true });
  for (const role of ["finance", "support"] as const) {
    execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/admin.ts", "create", "--email", PEOPLE[role].email, "--name", `E2E ${role}`, "--role", role, "--password", PEOPLE[role].password], {
      env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, LOG_LEVEL: "silent" },
      stdio: "pipe",
    });
  }
  for (const role of ["admin", "finance", "support"] as const) {
    const context = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
    const response = await context.post("/api/auth/sign-in/email", { data: PEOPLE[role] });
    if (!response.ok()) throw new Error(`signing in ${PEOPLE[role].email}: ${response.status()} ${await response.text()}`);
    await context.storageState({ path: ROLE_STATE[role] });
    await context.dispose();
  }
}
