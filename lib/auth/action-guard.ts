// What a form's server action answers, and the guard every such action runs in: the signed-in
// user's permission checked here (a page hiding a button is not a check), and the errors a person
// can fix turned into a message next to the form instead of an error page.
import "server-only";
import { z } from "zod";
import { authorize, AccessDeniedError, type Viewer } from "./access";
import type { Permission } from "./roles";
import { UserError } from "./users";
import { getViewer } from "./viewer";

export interface ActionState {
  error: string | null;
  message: string | null;
  /** A password generated for the admin to hand over, shown once. */
  password?: string;
  secret?: string;
}

export const EMPTY_ACTION_STATE: ActionState = { error: null, message: null };

/**
 * Runs `work` for the signed-in user if their role has `permission`; `denied` is said otherwise
 * (and `signedOut`, when given, to a visitor whose session has ended).
 */
export async function guardedAction(
  permission: Permission,
  { denied, signedOut }: { denied: string; signedOut?: string },
  work: (viewer: Viewer) => Promise<ActionState>,
): Promise<ActionState> {
  const viewer = await getViewer();
  if (!viewer && signedOut) return { ...EMPTY_ACTION_STATE, error: signedOut };
  try {
    authorize(viewer, permission);
    return await work(viewer);
  } catch (error) {
    if (error instanceof UserError) return { ...EMPTY_ACTION_STATE, error: error.message };
    if (error instanceof z.ZodError) return { ...EMPTY_ACTION_STATE, error: error.issues[0]?.message ?? "Check the form." };
    if (error instanceof AccessDeniedError) return { ...EMPTY_ACTION_STATE, error: denied };
    throw error;
  }
}
