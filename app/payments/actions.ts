"use server";
// Saved views of the payments list. Each action checks the signed-in user itself and is audited by
// the function it calls (lib/payments/saved-views.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/app/admin/actions";
import { AccessDeniedError } from "@/lib/auth/access";
import { UserError } from "@/lib/auth/users";
import { getViewer } from "@/lib/auth/viewer";
import { deleteView, saveView } from "@/lib/payments/saved-views";

const EMPTY: ActionState = { error: null, message: null };

async function asViewer(work: (viewer: NonNullable<Awaited<ReturnType<typeof getViewer>>>) => Promise<ActionState>): Promise<ActionState> {
  const viewer = await getViewer();
  if (!viewer) return { ...EMPTY, error: "Your session has ended: sign in again." };
  try {
    return await work(viewer);
  } catch (error) {
    if (error instanceof UserError) return { ...EMPTY, error: error.message };
    if (error instanceof z.ZodError) return { ...EMPTY, error: error.issues[0]?.message ?? "Check the form." };
    if (error instanceof AccessDeniedError) return { ...EMPTY, error: "Your role cannot save views." };
    throw error;
  }
}

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
