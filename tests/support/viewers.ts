// Signed-in people as the data layer receives them (the session check itself is tested through
// better-auth in tests/access-control.test.ts).
import type { Viewer } from "@/lib/auth/access";
import type { Role } from "@/lib/auth/roles";

export function viewerFor(role: Role): Viewer {
  return { userId: `test-${role}`, email: `${role}@payments-desk.test`, name: `Test ${role}`, role, sessionId: `session-${role}`, ip: "198.51.100.20" };
}

export const admin = viewerFor("admin");
export const finance = viewerFor("finance");
export const support = viewerFor("support");
