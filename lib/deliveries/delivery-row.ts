import type { Delivery } from "@/generated/prisma/client";
import { maskAccountNumbersInText } from "../enkash/account-mask";
import { formatIst } from "../time";

export const OUTCOMES = ["accepted", "duplicate", "updated", "stale", "conflict", "rejected"] as const;
export type DeliveryOutcome = (typeof OUTCOMES)[number];

/** What the delivery log lists: no body (bodies are up to 1 MiB each and only shown one at a time). */
export interface DeliverySummary {
  id: number;
  received: string;
  outcome: string;
  httpStatus: number;
  reason: string | null;
  objectId: string | null;
  reqMsgId: string | null;
  sourceIp: string | null;
  bodyBytes: number;
}

export interface DeliveryRow extends DeliverySummary {
  /** Pretty-printed when it is JSON; account numbers masked again as defence in depth. */
  body: string;
  bodyIsJson: boolean;
}

export const deliverySummarySelect = {
  id: true, receivedAt: true, outcome: true, httpStatus: true, reason: true, objectId: true, reqMsgId: true, sourceIp: true, bodyBytes: true,
} as const;

export type SummarySource = Pick<Delivery, keyof typeof deliverySummarySelect>;

export function toDeliverySummary(d: SummarySource): DeliverySummary {
  return {
    id: d.id,
    received: formatIst(d.receivedAt),
    outcome: d.outcome,
    httpStatus: d.httpStatus,
    reason: d.reason,
    objectId: d.objectId,
    reqMsgId: d.reqMsgId,
    sourceIp: d.sourceIp,
    bodyBytes: d.bodyBytes,
  };
}

export function toDeliveryRow(d: SummarySource & Pick<Delivery, "rawBody" | "rawEncoding">): DeliveryRow {
  const { text, isJson } = prettyBody(d.rawBody, d.rawEncoding);
  return { ...toDeliverySummary(d), body: text, bodyIsJson: isJson };
}

function prettyBody(raw: string, encoding: string): { text: string; isJson: boolean } {
  if (encoding !== "utf8") return { text: `(not UTF-8; ${raw.length} base64 characters)\n${raw.slice(0, 2000)}`, isJson: false };
  const masked = maskAccountNumbersInText(raw).text;
  try {
    return { text: JSON.stringify(JSON.parse(masked), null, 2), isJson: true };
  } catch {
    return { text: masked, isJson: false };
  }
}
