// A payment's story: each state EnKash reported, in the order it happened, in plain words, built
// from the messages stored for it and the deliveries that carried them (or were refused).
import "server-only";
import { readPrisma } from "../db";
import { formatInr } from "../money";
import { formatIst } from "../time";
import { describeErrorCodes } from "./error-codes";
import type { PaymentStatus } from "./status";

/** Entries read per payment: far more than any real payment has. */
export const STORY_LIMIT = 200;

export type StoryTone = "success" | "failure" | "other" | "review" | "refused";

export interface StoryEntry {
  key: string;
  tone: StoryTone;
  /** "Failed · E2001", "Succeeded", "Reported PENDING", "Delivery refused". */
  headline: string;
  /** The reason, a changed amount or UTR, and what Payments Desk did with the message. */
  details: string[];
  /** When it happened by EnKash's clock (payment.ts), if readable; and when it arrived. */
  at: string | null;
  receivedAt: string;
  deliveries: { id: number; count: number };
  /** This message set the payment's current state. */
  current: boolean;
}

const HANDLING: Record<string, string> = {
  accepted: "First message about this payment.",
  updated: "Newer than what was stored: became the current state.",
  revised: "A revision of the same message: replaced the state.",
  stale: "Older than the current state: kept for the record, not applied.",
  conflict: "Same time as the current state but different: kept for review, not applied.",
};

const CONFIRMATION_WORDS: Record<string, { headline: string; tone: StoryTone }> = {
  ACCEPT: { headline: "Supplier accepted the payment", tone: "success" },
  REJECT: { headline: "Supplier rejected the payment", tone: "failure" },
};

export async function getPaymentStory({ id: paymentId, objectId }: { id: number; objectId: string }): Promise<{ entries: StoryEntry[]; truncated: boolean }> {
  const [messages, deliveries, confirmations] = await Promise.all([
    readPrisma.paymentMessage.findMany({ where: { paymentId }, orderBy: { id: "asc" }, take: STORY_LIMIT }),
    readPrisma.delivery.findMany({
      where: { paymentId },
      orderBy: { id: "asc" },
      take: STORY_LIMIT * 5,
      select: { id: true, messageId: true, outcome: true, reason: true, receivedAt: true },
    }),
    readPrisma.paymentConfirmation.findMany({
      // By objectId: a confirmation may have arrived before its payment.
      where: { objectId },
      orderBy: { id: "asc" },
      take: STORY_LIMIT,
      include: { deliveries: { orderBy: { id: "asc" }, select: { id: true } } },
    }),
  ]);
  const descriptions = await describeErrorCodes(messages.map((m) => m.errorCd ?? ""));
  const byMessage = new Map<number, { first: number; count: number }>();
  for (const d of deliveries) {
    if (d.messageId === null) continue;
    const seen = byMessage.get(d.messageId);
    byMessage.set(d.messageId, seen ? { first: seen.first, count: seen.count + 1 } : { first: d.id, count: 1 });
  }
  // The applied message with the highest id is the current state (updates only move forward).
  const applied = messages.filter((m) => ["accepted", "updated", "revised"].includes(m.outcome));
  const currentId = applied.at(-1)?.id ?? null;

  const entries: { order: number; entry: StoryEntry }[] = [];
  let previous: { totalPaise: bigint | null; utr: string | null } | null = null;
  for (const m of messages) {
    const status = (m.status ?? "unknown") as PaymentStatus | "unknown";
    const code = m.errorCd ?? "";
    const reason = code ? (descriptions.get(code) ?? (m.errorDtl?.trim() || null)) : m.errorDtl?.trim() || null;
    const headline = status === "failure" ? `Failed${code ? ` · ${code}` : ""}` : status === "success" ? "Succeeded" : status === "unknown" ? "Message (its body is no longer kept)" : `Reported ${m.result || "(empty result)"}${code ? ` · ${code}` : ""}`;
    const details: string[] = [];
    if (reason && status !== "success") details.push(reason);
    if (previous && m.totalPaise !== null && previous.totalPaise !== null && m.totalPaise !== previous.totalPaise) {
      details.push(`Amount ${formatInr(m.totalPaise)} (was ${formatInr(previous.totalPaise)}).`);
    } else if (!previous && m.totalPaise !== null) details.push(`Amount ${formatInr(m.totalPaise)}.`);
    if (previous && m.utr !== null && previous.utr !== null && m.utr !== previous.utr) details.push(`UTR ${m.utr || "(empty)"} (was ${previous.utr || "(empty)"}).`);
    details.push(HANDLING[m.outcome] ?? `Classified ${m.outcome}.`);
    const tone: StoryTone = m.outcome === "stale" || m.outcome === "conflict" ? "review" : status === "success" ? "success" : status === "failure" ? "failure" : "other";
    const carried = byMessage.get(m.id);
    entries.push({ order: carried?.first ?? Number.MAX_SAFE_INTEGER, entry: {
      key: `m${m.id}`,
      tone,
      headline,
      details,
      at: m.tsInstant ? formatIst(m.tsInstant) : null,
      receivedAt: formatIst(m.receivedAt),
      deliveries: carried ? { id: carried.first, count: carried.count } : { id: 0, count: 0 },
      current: m.id === currentId,
    } });
    previous = { totalPaise: m.totalPaise, utr: m.utr };
  }
  for (const d of deliveries) {
    if (d.outcome !== "rejected") continue;
    entries.push({ order: d.id, entry: {
      key: `d${d.id}`,
      tone: "refused",
      headline: "Delivery refused",
      details: [d.reason ?? "No reason was recorded.", "Nothing about the payment changed."],
      at: null,
      receivedAt: formatIst(d.receivedAt),
      deliveries: { id: d.id, count: 1 },
      current: false,
    } });
  }
  for (const c of confirmations) {
    const first = c.deliveries[0]?.id ?? Number.MAX_SAFE_INTEGER;
    const answer = CONFIRMATION_WORDS[c.supplierResponse];
    const details = [
      ...(c.supplierRemarks ? [`“${c.supplierRemarks}”`] : []),
      `Payment Confirmation Response${c.invoiceInfos === "[]" ? "" : ` naming ${(JSON.parse(c.invoiceInfos) as unknown[]).length.toLocaleString("en-IN")} invoice(s)`}.`,
    ];
    entries.push({ order: first, entry: {
      key: `c${c.id}`,
      tone: answer?.tone ?? "other",
      headline: answer?.headline ?? `Supplier answered “${c.supplierResponse}”`,
      details,
      at: c.tsInstant ? formatIst(c.tsInstant) : null,
      receivedAt: formatIst(c.receivedAt),
      deliveries: { id: first === Number.MAX_SAFE_INTEGER ? 0 : first, count: c.deliveries.length },
      current: false,
    } });
  }
  // In the order the deliveries arrived (messages by their first delivery).
  entries.sort((a, b) => a.order - b.order);
  return { entries: entries.map(({ entry }) => entry), truncated: messages.length === STORY_LIMIT };
}
