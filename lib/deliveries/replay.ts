// Replaying rejected deliveries (README → Replay): an admin re-processes what was refused, after
// turning on lenient mode or after a fix, through the same ingest path as the webhook. The
// original stays as it was; the replay is a new delivery that points back to it (replayOfId).
//
// Only deliveries that EnKash authenticated can be replayed: a body refused for a missing or wrong
// secret came from someone we cannot vouch for. A body that was not kept whole (over the size cap,
// not text, removed by retention) cannot be replayed either.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appConfig } from "../config";
import { prisma, readPrisma } from "../db";
import { ingestConfirmation } from "../confirmations/ingest";
import { CONFIRMATION_ENDPOINT } from "../enkash/endpoints";
import { ingestPaymentResponse } from "../ingest/ingest";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";

/** How a replay-worthy delivery was authenticated. */
const AUTHENTICATED = ["secret", "previous-secret", "off", "replay"];
/** Bodies kept as text that is the message (a decoded encoding included). */
const REPLAYABLE_ENCODING = /^(?:[a-z0-9-]+\+)*(?:utf8|utf16le|utf16be|utf32le|utf32be)$/;
/** At most this many deliveries per replay action. */
export const MAX_REPLAY_BATCH = 200;

export const replayableWhere: Prisma.DeliveryWhereInput = {
  outcome: "rejected",
  auth: { in: AUTHENTICATED },
  bodyPurgedAt: null,
  rawBody: { not: "" },
};

interface Candidate {
  id: number;
  auth: string;
  rawBody: string;
  rawEncoding: string;
  bodyPurgedAt: Date | null;
  outcome: string;
  headers: string;
}

/** Why a delivery cannot be replayed, or null when it can. */
export function notReplayable(d: Candidate): string | null {
  if (d.outcome !== "rejected") return "only rejected deliveries are replayed (this one was stored)";
  if (!AUTHENTICATED.includes(d.auth)) return "it was refused for its secret or address: its sender is not known to be EnKash";
  if (d.bodyPurgedAt) return "its body was removed by retention";
  if (d.rawBody === "" || !REPLAYABLE_ENCODING.test(d.rawEncoding)) return "its body was not kept whole (too large, or not text)";
  return null;
}

export interface ReplayResult {
  deliveryId: number;
  /** The new delivery, or null when the replay was refused or already done. */
  replayId: number | null;
  outcome: string;
  httpStatus: number | null;
  message: string;
}

/** Re-processes deliveries (admins only); each is audited. Idempotent: a delivery whose replay was stored is not replayed again. */
export async function replayDeliveries(viewer: Viewer, ids: number[]): Promise<ReplayResult[]> {
  authorize(viewer, "deliveries:replay");
  const unique = [...new Set(ids)].slice(0, MAX_REPLAY_BATCH);
  const config = appConfig();
  const results: ReplayResult[] = [];
  for (const id of unique) {
    const d = await prisma.delivery.findUnique({
      where: { id },
      select: { id: true, auth: true, endpoint: true, rawBody: true, rawEncoding: true, bodyPurgedAt: true, outcome: true, headers: true, replays: { where: { httpStatus: 200 }, select: { id: true, outcome: true }, take: 1 } },
    });
    if (!d) {
      results.push({ deliveryId: id, replayId: null, outcome: "missing", httpStatus: null, message: "no such delivery" });
      continue;
    }
    const done = d.replays[0];
    if (done) {
      results.push({ deliveryId: id, replayId: done.id, outcome: "already-replayed", httpStatus: 200, message: `already replayed as delivery #${done.id} (${done.outcome})` });
      continue;
    }
    const refusal = notReplayable(d);
    if (refusal) {
      results.push({ deliveryId: id, replayId: null, outcome: "not-replayable", httpStatus: null, message: refusal });
      continue;
    }
    // The body is kept decoded (and masked): it is replayed as the UTF-8 JSON it now is.
    const headers = JSON.parse(d.headers) as Record<string, string>;
    delete headers["content-encoding"];
    const ingest = d.endpoint === CONFIRMATION_ENDPOINT ? ingestConfirmation : ingestPaymentResponse;
    const result = await ingest(
      { receivedAt: new Date(), sourceIp: viewer.ip, headers, body: new TextEncoder().encode(d.rawBody), auth: "replay", replayOfId: d.id, endpoint: d.endpoint },
      { strict: config.WEBHOOK_STRICT, maxBodyBytes: config.WEBHOOK_MAX_BODY_BYTES },
    );
    await auditAs(viewer, "delivery.replay", String(id), { replayId: result.deliveryId, outcome: result.outcome, httpStatus: result.httpStatus });
    results.push({ deliveryId: id, replayId: result.deliveryId, outcome: result.outcome, httpStatus: result.httpStatus, message: result.message });
  }
  return results;
}

export interface RejectionGroup {
  reason: string;
  count: number;
  newestId: number;
}

/** How many newest rejected deliveries the review page groups (older ones: the delivery log). */
export const REVIEW_WINDOW = 10_000;

/** The reason with what varies per delivery (byte counts, positions, values) taken out. */
export function reasonKind(reason: string | null): string {
  return (reason ?? "(no reason)").replace(/\d[\d,]*/g, "N").replace(/\[N\]/g, "[]").slice(0, 200);
}

/**
 * Replayable rejected deliveries (the newest REVIEW_WINDOW), grouped by the kind of reason, most
 * frequent first; and the newest MAX_REPLAY_BATCH of one kind (or of all), with their replays.
 */
export async function listRejectionGroups(viewer: Viewer, kind?: string) {
  authorize(viewer, "deliveries:replay");
  const scannedRows = await readPrisma.delivery.findMany({ where: replayableWhere, orderBy: { id: "desc" }, take: REVIEW_WINDOW, select: { id: true, reason: true } });
  const groups = new Map<string, RejectionGroup>();
  const shown: number[] = [];
  for (const row of scannedRows) {
    const rowKind = reasonKind(row.reason);
    const group = groups.get(rowKind) ?? { reason: rowKind, count: 0, newestId: row.id };
    group.count++;
    groups.set(rowKind, group);
    if ((kind === undefined || rowKind === kind) && shown.length < MAX_REPLAY_BATCH) shown.push(row.id);
  }
  const rows = await readPrisma.delivery.findMany({
    where: { id: { in: shown } },
    orderBy: { id: "desc" },
    select: { id: true, reason: true, receivedAt: true, httpStatus: true, objectId: true, reqMsgId: true, replays: { select: { id: true, outcome: true, httpStatus: true }, orderBy: { id: "desc" } } },
  });
  return {
    groups: [...groups.values()].sort((a, b) => b.count - a.count || b.newestId - a.newestId),
    scanned: scannedRows.length,
    rows,
  };
}
