// Which message describes a payment now. The spec is silent; the rules (README → Ordering) never
// leave a real update unapplied without a visible reason:
// - messages are ordered by payment.ts when both carry a trusted ts (recognised, and not more than
//   TS_FUTURE_TOLERANCE_MS ahead of its receipt), otherwise by the time we received them;
// - a later version of the same message (same objectId + reqMsgId, new content) is a revision,
//   applied in that order; an equal position is a conflict kept for review; an earlier one is stale.

export interface Timing {
  tsInstant: Date | null;
  tsTrusted: boolean;
  receivedAt: Date;
}

export type Decision = {
  outcome: "updated" | "revised" | "stale" | "conflict";
  apply: boolean;
  reason: string | null;
};

/** >0 when `a` comes after `b`; by ts when both are trusted, else by receipt. */
function compare(a: Timing, b: Timing): { order: number; byReceipt: boolean } {
  if (a.tsTrusted && b.tsTrusted && a.tsInstant && b.tsInstant) return { order: Math.sign(a.tsInstant.getTime() - b.tsInstant.getTime()), byReceipt: false };
  return { order: Math.sign(a.receivedAt.getTime() - b.receivedAt.getTime()), byReceipt: true };
}

const RECEIPT_NOTE = " (ordered by receipt time: a ts is unrecognised or too far ahead)";

/**
 * @param current the message that set the payment's current state
 * @param earlierVersion the newest stored version of the same objectId + reqMsgId, if any
 * @param incoming the new message (not a duplicate: its content differs from every stored one)
 */
export function decideOrder(current: Timing, earlierVersion: Timing | null, incoming: Timing): Decision {
  if (earlierVersion) {
    const own = compare(incoming, earlierVersion);
    const note = own.byReceipt ? RECEIPT_NOTE : "";
    if (own.order === 0) return { outcome: "conflict", apply: false, reason: `same objectId and reqMsgId as a stored message, different content, same ts: kept for review, nothing overwritten${note}` };
    if (own.order < 0) return { outcome: "stale", apply: false, reason: `an earlier version of a stored message (same reqMsgId, earlier ts): not applied${note}` };
  }
  const latest = compare(incoming, current);
  const note = latest.byReceipt ? RECEIPT_NOTE : "";
  if (latest.order === 0) return { outcome: "conflict", apply: false, reason: `same payment, same ts, different message: kept for review, nothing overwritten${note}` };
  if (latest.order < 0) {
    return { outcome: "stale", apply: false, reason: `older than the stored state${earlierVersion ? " (a revision that a newer message overtook)" : ""}: not applied${note}` };
  }
  if (earlierVersion) return { outcome: "revised", apply: true, reason: `a revision of a stored message (same reqMsgId, later ts, new content): applied${note}` };
  return { outcome: "updated", apply: true, reason: latest.byReceipt ? `applied${note}` : null };
}
