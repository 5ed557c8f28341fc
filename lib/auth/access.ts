// The signed-in person as the data layer sees them, and the one check every read of payment data
// makes. Pages check too (to show a sign-in page or a 403), but the data layer does not trust them.
import { can, type Permission, type Role } from "./roles";

export interface Viewer {
  userId: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
  /** The client's address, for the audit trail. */
  ip: string | null;
}

/** Refused: not signed in, or the role lacks the permission. */
export class AccessDeniedError extends Error {
  constructor(readonly permission: Permission) {
    super(`access denied: ${permission}`);
    this.name = "AccessDeniedError";
  }
}

/** Deny by default: anything but a viewer whose role grants `permission` is refused. */
export function authorize(viewer: Viewer | null | undefined, permission: Permission): asserts viewer is Viewer {
  if (!viewer || !can(viewer.role, permission)) throw new AccessDeniedError(permission);
}
