import type { Delivery } from "@/generated/prisma/client";
import { maskerFor } from "../enkash/mask-body";
import { redactedPreview } from "../ingest/decode-body";
import { maskFreeText } from "../masking/rules";
import { formatIst } from "../time";

export const OUTCOMES = ["accepted", "duplicate", "updated", "revised", "stale", "conflict", "rejected"] as const;
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
  /** The webhook it was sent to: resp-pay or resp-pay-confirmation. */
  endpoint: string;
}

export interface DeliveryRow extends DeliverySummary {
  /** Pretty-printed when it is JSON; account numbers masked again, by today's rule. */
  body: string;
  bodyIsJson: boolean;
  /** How the stored text relates to the bytes received, in words; null when it is them exactly. */
  encodingNote: string | null;
}

export const deliverySummarySelect = {
  id: true, receivedAt: true, outcome: true, httpStatus: true, reason: true, objectId: true, reqMsgId: true, sourceIp: true, bodyBytes: true, endpoint: true,
} as const;

export type SummarySource = Pick<Delivery, keyof typeof deliverySummarySelect>;

export function toDeliverySummary(d: SummarySource): DeliverySummary {
  return {
    id: d.id,
    received: formatIst(d.receivedAt),
    outcome: d.outcome,
    httpStatus: d.httpStatus,
    reason: d.reason === null ? null : maskFreeText(d.reason).text,
    objectId: d.objectId,
    reqMsgId: d.reqMsgId,
    sourceIp: d.sourceIp,
    bodyBytes: d.bodyBytes,
    endpoint: d.endpoint,
  };
}

export type BodySource = Pick<Delivery, "rawBody" | "rawEncoding" | "decryptedBody" | "endpoint">;

export const bodySelect = { rawBody: true, rawEncoding: true, decryptedBody: true, endpoint: true } as const;

export function toDeliveryRow(d: SummarySource & BodySource): DeliveryRow {
  const { text, isJson } = prettyBody(d);
  return { ...toDeliverySummary(d), body: text, bodyIsJson: isJson, encodingNote: encodingNote(d.rawEncoding) };
}

const STEPS: Record<string, string> = {
  gzip: "decompressed from gzip", deflate: "decompressed from deflate", br: "decompressed from brotli",
  utf16le: "decoded from UTF-16LE", utf16be: "decoded from UTF-16BE", utf32le: "decoded from UTF-32LE", utf32be: "decoded from UTF-32BE",
  nul: "NUL characters shown as ␀", aes: "decrypted from EnKash's AES wrapper ({\"request\": …}), whose ciphertext is kept as received",
  binary: "not text: only a preview with every digit hidden is kept",
  base64: "not text: only a preview with every digit hidden is shown",
};

export function encodingNote(encoding: string): string | null {
  const words = encoding.split("+").flatMap((step) => (STEPS[step] ? [STEPS[step]] : []));
  return words.length > 0 ? words.join("; ") : null;
}

/** Masked again as defence in depth: rows stored by an earlier rule are shown by today's. */
export function prettyBody({ rawBody, rawEncoding, decryptedBody, endpoint }: BodySource): { text: string; isJson: boolean } {
  // An AES-wrapped body is shown decrypted (masked); its ciphertext shows nobody anything.
  return decryptedBody === null ? prettyText(rawBody, rawEncoding, endpoint) : prettyText(decryptedBody, "utf8", endpoint);
}

function prettyText(raw: string, encoding: string, endpoint: string): { text: string; isJson: boolean } {
  if (encoding === "base64") return { text: redactedPreview(Buffer.from(raw, "base64")), isJson: false };
  if (encoding.endsWith("binary")) return { text: raw, isJson: false };
  const masked = maskerFor(endpoint)(raw).text;
  try {
    return { text: JSON.stringify(JSON.parse(masked), null, 2), isJson: true };
  } catch {
    return { text: masked, isJson: false };
  }
}

/** The kept headers, pretty-printed, masked again by today's rule. */
export function prettyHeaders(headers: string): string {
  try {
    const parsed = JSON.parse(headers) as Record<string, unknown>;
    return JSON.stringify(Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, maskFreeText(String(v)).text])), null, 2);
  } catch {
    return maskFreeText(headers).text;
  }
}
