import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { can } from "../auth/roles";
import { readPrisma } from "../db";
import { anyCase } from "../payments/list-params";
import { formatIst } from "../time";
import { notReplayable } from "./replay";
import { bodySelect, deliverySummarySelect, OUTCOMES, prettyBody, prettyHeaders, toDeliveryRow, toDeliverySummary } from "./delivery-row";
import { flattenSearchParams, type RawSearchParams } from "../url-state";

export const deliveryParamsSchema = z.object({
  outcome: anyCase(OUTCOMES).optional().catch(undefined),
  /** Only the deliveries that named this payment objectId, whatever their outcome. */
  objectId: z.string().trim().min(1).max(300).optional().catch(undefined),
  /** Keyset cursor: show deliveries with an id below this one (older). */
  before: z.coerce.number().int().positive().optional().catch(undefined),
  size: z.coerce.number().int().min(10).max(200).catch(50).default(50),
});
export type DeliveryParams = z.infer<typeof deliveryParamsSchema>;

export function parseDeliveryParams(raw: RawSearchParams): DeliveryParams {
  return deliveryParamsSchema.parse(flattenSearchParams(raw));
}

/** Newest first, keyset-paged on id so every page is as fast as the first. */
export async function listDeliveries(viewer: Viewer, p: DeliveryParams) {
  authorize(viewer, "deliveries:read");
  const where: Prisma.DeliveryWhereInput = {
    ...(p.outcome ? { outcome: p.outcome } : {}),
    ...(p.objectId ? { objectId: p.objectId } : {}),
    ...(p.before ? { id: { lt: p.before } } : {}),
  };
  const found = await readPrisma.delivery.findMany({
    where,
    orderBy: { id: "desc" },
    take: p.size + 1,
    select: { ...deliverySummarySelect, auth: true, payment: { select: { objectId: true } } },
  });
  const page = found.slice(0, p.size);
  return {
    rows: page.map((d) => ({ ...toDeliverySummary(d), auth: d.auth, paymentObjectId: d.payment?.objectId ?? null })),
    nextBefore: found.length > p.size ? page[page.length - 1]!.id : null,
  };
}

/** One delivery; its body and headers only for roles that may see raw deliveries (audited). */
export async function getDelivery(viewer: Viewer, id: number) {
  authorize(viewer, "deliveries:read");
  const d = await readPrisma.delivery.findUnique({
    where: { id },
    include: { payment: { select: { objectId: true } }, replays: { select: { id: true, outcome: true, httpStatus: true }, orderBy: { id: "asc" } } },
  });
  if (!d) return null;
  const withRaw = can(viewer.role, "raw:read");
  await auditAs(viewer, withRaw ? "raw.view" : "delivery.view", String(id));
  const summary = {
    ...toDeliverySummary(d),
    paymentObjectId: d.payment?.objectId ?? null,
    auth: d.auth,
    replayOfId: d.replayOfId,
    replays: d.replays,
    bodyPurgedAt: d.bodyPurgedAt ? formatIst(d.bodyPurgedAt) : null,
    /** Why an admin could not replay it (null: replayable, or not rejected). */
    replayRefusal: d.outcome === "rejected" ? notReplayable(d) : null,
  };
  if (!withRaw) return { ...summary, raw: null };
  const { body, bodyIsJson, encodingNote } = toDeliveryRow(d);
  // A body of megabytes would make a page of megabytes: the page shows its start, the download has it all.
  const shown = body.length > DISPLAYED_BODY_CHARS ? body.slice(0, DISPLAYED_BODY_CHARS) : body;
  return { ...summary, raw: { body: shown, bodyChars: body.length, truncated: shown.length < body.length, bodyIsJson, encodingNote, headers: prettyHeaders(d.headers) } };
}

/** How much of a raw body the delivery page shows (characters of the pretty-printed text). */
export const DISPLAYED_BODY_CHARS = 256 * 1024;

/** A delivery's whole kept body as text (masked, as stored), for the download link; audited. */
export async function getDeliveryBody(viewer: Viewer, id: number): Promise<{ text: string; isJson: boolean } | null> {
  authorize(viewer, "raw:read");
  const d = await readPrisma.delivery.findUnique({ where: { id }, select: { ...bodySelect, bodyPurgedAt: true } });
  if (!d || d.bodyPurgedAt) return null;
  await auditAs(viewer, "raw.download", String(id));
  return prettyBody(d);
}
