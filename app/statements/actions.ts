"use server";
// Uploading a bank statement (inspect, then import with the confirmed mapping) and deciding a
// suggested match. Each action checks the signed-in user's role itself; the functions it calls audit.
import { revalidatePath } from "next/cache";
import { EMPTY_ACTION_STATE as EMPTY, guardedAction, type ActionState } from "@/lib/auth/action-guard";
import { importStatement, inspectStatement, type Inspection } from "@/lib/statements/import";
import { decideSuggestion } from "@/lib/statements/results";

const signedOut = "Your session has ended: sign in again.";
const denied = "Your role cannot upload statements or decide matches.";

async function fileOf(form: FormData) {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return null;
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export type InspectState = ActionState & { inspection?: Inspection };

export async function inspectStatementAction(form: FormData): Promise<InspectState> {
  let inspection: Inspection | undefined;
  const state = await guardedAction("statements:manage", { denied, signedOut }, async (viewer) => {
    const file = await fileOf(form);
    if (!file) return { ...EMPTY, error: "Choose the statement file (CSV or Excel .xlsx)." };
    inspection = await inspectStatement(viewer, file, String(form.get("bank") ?? ""));
    return EMPTY;
  });
  return { ...state, inspection };
}

export type ImportState = ActionState & { statementId?: number };

export async function importStatementAction(form: FormData): Promise<ImportState> {
  let statementId: number | undefined;
  const state = await guardedAction("statements:manage", { denied, signedOut }, async (viewer) => {
    const file = await fileOf(form);
    if (!file) return { ...EMPTY, error: "Choose the statement file (CSV or Excel .xlsx)." };
    let mapping: unknown;
    try {
      mapping = JSON.parse(String(form.get("mapping") ?? ""));
    } catch {
      return { ...EMPTY, error: "Choose the columns first." };
    }
    const result = await importStatement(viewer, { file, account: String(form.get("account") ?? ""), bank: String(form.get("bank") ?? ""), mapping });
    statementId = result.statementId;
    revalidatePath("/statements");
    return { ...EMPTY, message: `Imported ${result.newLines.toLocaleString("en-IN")} new debit lines.` };
  });
  return { ...state, statementId };
}

export async function decideSuggestionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return guardedAction("statements:manage", { denied, signedOut }, async (viewer) => {
    const { message } = await decideSuggestion(viewer, { lineId: form.get("lineId"), decision: form.get("decision") });
    revalidatePath("/statements", "layout");
    return { ...EMPTY, message };
  });
}
