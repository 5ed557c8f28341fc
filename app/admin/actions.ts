"use server";
// Administrators' changes. Each action checks the signed-in user's role itself (a page hiding a
// button is not a check), is protected against cross-site posts by Next's Origin check, and is
// audited by the functions it calls.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { EMPTY_ACTION_STATE as EMPTY, guardedAction, type ActionState } from "@/lib/auth/action-guard";
import type { Viewer } from "@/lib/auth/access";
import { auditAs } from "@/lib/auth/audit";
import { ROLES, type Permission } from "@/lib/auth/roles";
import { createUser, generatePassword, resetPassword, setDisabled, setRole } from "@/lib/auth/users";
import { appConfig } from "@/lib/config";
import { replayDeliveries } from "@/lib/deliveries/replay";
import { applyRetention } from "@/lib/maintenance/retention";
import { saveErrorCode } from "@/lib/payments/error-codes";
import { rotateWebhookSecret, webhookSecrets } from "@/lib/secrets";

const asAdmin = (permission: Permission, work: (viewer: Viewer) => Promise<ActionState>) =>
  guardedAction(permission, { denied: "Only administrators can do this." }, work);

export async function createUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return asAdmin("users:manage", async (viewer) => {
    const typed = String(form.get("password") ?? "");
    const password = typed || generatePassword();
    const email = String(form.get("email") ?? "");
    await createUser({ viewer }, { email, name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "") as (typeof ROLES)[number], password });
    revalidatePath("/admin/users");
    return { ...EMPTY, message: `Created ${email.toLowerCase()}.`, ...(typed ? {} : { password }) };
  });
}

export async function changeRoleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return asAdmin("users:manage", async (viewer) => {
    const role = z.enum(ROLES).parse(form.get("role"));
    await setRole({ viewer }, String(form.get("id")), role);
    revalidatePath("/admin/users");
    return { ...EMPTY, message: `Role changed to ${role}.` };
  });
}

export async function setDisabledAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return asAdmin("users:manage", async (viewer) => {
    const disabled = form.get("disabled") === "true";
    await setDisabled({ viewer }, String(form.get("id")), disabled);
    revalidatePath("/admin/users");
    return { ...EMPTY, message: disabled ? "Disabled; their sessions have ended." : "Enabled." };
  });
}

export async function resetPasswordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return asAdmin("users:manage", async (viewer) => {
    const password = generatePassword();
    await resetPassword({ viewer }, String(form.get("id")), password);
    revalidatePath("/admin/users");
    return { ...EMPTY, message: "New password set; their sessions have ended. Hand it over once:", password };
  });
}

export async function revealWebhookSecretAction(): Promise<ActionState> {
  return asAdmin("settings:manage", async (viewer) => {
    const secrets = await webhookSecrets();
    await auditAs(viewer, "settings.view-webhook-secret", null, { source: secrets.source });
    return { ...EMPTY, secret: secrets.current };
  });
}

export async function rotateWebhookSecretAction(): Promise<ActionState> {
  return asAdmin("settings:manage", async (viewer) => {
    if (appConfig().WEBHOOK_SECRET) return { ...EMPTY, error: "WEBHOOK_SECRET is set in the environment: change it there." };
    const grace = appConfig().WEBHOOK_SECRET_GRACE_HOURS;
    const secrets = await rotateWebhookSecret(grace);
    await auditAs(viewer, "settings.rotate-webhook-secret", null, { graceHours: grace });
    revalidatePath("/admin/settings");
    return { ...EMPTY, message: `New secret generated. The previous one is accepted for ${grace} hours more; give EnKash the new one now.`, secret: secrets.current };
  });
}

export async function replayDeliveriesAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return asAdmin("deliveries:replay", async (viewer) => {
    const ids = form.getAll("id").map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
    if (ids.length === 0) return { ...EMPTY, error: "Select at least one delivery to replay." };
    const results = await replayDeliveries(viewer, ids);
    revalidatePath("/admin/rejected");
    for (const id of ids) revalidatePath(`/deliveries/${id}`);
    const stored = results.filter((r) => r.httpStatus === 200 && r.outcome !== "already-replayed").length;
    const lines = results.slice(0, 5).map((r) => `#${r.deliveryId}: ${r.replayId && r.outcome !== "already-replayed" ? `replayed as #${r.replayId}, ${r.outcome}` : r.message}`);
    const more = results.length > 5 ? ` … and ${results.length - 5} more` : "";
    return { ...EMPTY, message: `${stored} of ${results.length} stored. ${lines.join("; ")}${more}` };
  });
}

export async function applyRetentionAction(): Promise<ActionState> {
  return asAdmin("deliveries:replay", async (viewer) => {
    const result = await applyRetention();
    await auditAs(viewer, "retention.apply", null, { days: result.days, bodiesRemoved: result.bodiesRemoved, sessionsRemoved: result.sessionsRemoved });
    revalidatePath("/admin/settings");
    return {
      ...EMPTY,
      message: result.cutoff
        ? `Removed the bodies of ${result.bodiesRemoved.toLocaleString("en-IN")} rejected and duplicate deliveries older than ${result.days} days, and ${result.sessionsRemoved} expired sessions.`
        : `RETENTION_DAYS=0 keeps bodies forever; removed ${result.sessionsRemoved} expired sessions.`,
    };
  });
}

export async function saveErrorCodeAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return asAdmin("errorCodes:edit", async (viewer) => {
    const code = String(form.get("code") ?? "");
    const done = await saveErrorCode(viewer, { code, description: String(form.get("description") ?? "") });
    revalidatePath("/admin/error-codes");
    return { ...EMPTY, message: done === "saved" ? `Saved ${code.trim()}.` : `Removed the description of ${code.trim()}: EnKash's own text is shown again.` };
  });
}
