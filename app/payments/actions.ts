"use server";
// Saved views of the payments list. Each action checks the signed-in user itself and is audited by
// the function it calls (lib/payments/saved-views.ts).
import { revalidatePath } from "next/cache";
import { EMPTY_ACTION_STATE as EMPTY, guardedAction, type ActionState } from "@/lib/auth/action-guard";
import type { Viewer } from "@/lib/auth/access";
import { deleteView, saveView } from "@/lib/payments/saved-views";

const asViewer = (work: (viewer: Viewer) => Promise<ActionState>) =>
  guardedAction("payments:browse", { denied: "Your role cannot save views.", signedOut: "Your session has ended: sign in again." }, work);

export async function saveViewAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return asViewer(async (viewer) => {
    const shared = form.get("shared") === "on";
    const name = String(form.get("name") ?? "");
    const { replaced } = await saveView(viewer, { name, query: String(form.get("query") ?? ""), shared });
    revalidatePath("/payments");
    return { ...EMPTY, message: `${replaced ? "Replaced" : "Saved"} “${name.trim()}”${shared ? ", shared with the team" : ""}.` };
  });
}

export async function deleteViewAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return asViewer(async (viewer) => {
    await deleteView(viewer, Number(form.get("id")));
    revalidatePath("/payments");
    return { ...EMPTY, message: "Deleted the view." };
  });
}
