"use server";
// Reviewing a signal and verifying a supplier's new bank account. Each action checks the signed-in
// user's role itself and is audited by the function it calls (lib/signals/read.ts).
import { revalidatePath } from "next/cache";
import { EMPTY_ACTION_STATE as EMPTY, guardedAction, type ActionState } from "@/lib/auth/action-guard";
import { reviewSignal, verifyAccount } from "@/lib/signals/read";

const signedOut = "Your session has ended: sign in again.";

export async function reviewSignalAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return guardedAction("signals:review", { denied: "Your role cannot review signals.", signedOut }, async (viewer) => {
    await reviewSignal(viewer, Number(form.get("id")), String(form.get("note") ?? ""));
    revalidatePath("/signals", "layout");
    return { ...EMPTY, message: "Marked reviewed." };
  });
}

export async function verifyAccountAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return guardedAction("accounts:verify", { denied: "Only admins can verify a bank account.", signedOut }, async (viewer) => {
    await verifyAccount(viewer, Number(form.get("accountId")), String(form.get("note") ?? ""));
    revalidatePath("/signals", "layout");
    revalidatePath("/suppliers", "layout");
    return { ...EMPTY, message: "Account verified: payments to it are no longer flagged." };
  });
}
