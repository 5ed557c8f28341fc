// Ingest, the one entry point for a webhook body: parse → validate → store.
// The route handles HTTP (size cap, authentication); everything after the bytes is here.
import { jsonExposesAccount, maskAccountNumbersInText, maskAccountsInJson } from "../enkash/account-mask";
import { checkPaymentResponse } from "../enkash/checks";
import { decodeUtf8, jsonDepth, MAX_JSON_DEPTH, parsePaymentResponse } from "../enkash/parse";
import { MAX_KEY_LENGTH, type FieldProblem } from "../enkash/schema";
import { canonicalJson, sha256Hex } from "../canonical-json";
import { toPaymentRecord } from "./payment-record";
import { storePaymentMessage, storeRejectedDelivery, type DeliveryEnvelope, type Outcome } from "./store";

export { StorageUnavailableError } from "./errors";
export type { Outcome } from "./store";

export interface IncomingDelivery {
  receivedAt: Date;
  sourceIp: string | null;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Bytes that arrived when the body itself was not kept (over the size cap). */
  bytesSeen?: number;
}

export interface IngestOptions {
  /** Reject (422) what sibling EnKash pages document, instead of flagging it. */
  strict: boolean;
}

export interface IngestResult {
  httpStatus: number;
  outcome: Outcome;
  deliveryId: number;
  reqMsgId: string | null;
  paymentId: number | null;
  message: string;
  problems: FieldProblem[];
  warningCount: number;
}

/** Parses, validates and stores one delivery. Throws StorageUnavailableError when the database fails. */
export async function ingestPaymentResponse(incoming: IncomingDelivery, options: IngestOptions): Promise<IngestResult> {
  const text = decodeUtf8(incoming.body);
  if (text === null) {
    return refuse(envelopeOf(incoming, null, null), 400, "body is not valid UTF-8", []);
  }
  const parsed = parsePaymentResponse(text);
  const envelope = envelopeOf(incoming, text, parsed.json);
  if (!parsed.ok) {
    return refuse(envelope, parsed.status, parsed.reason, parsed.problems, identify(parsed.json));
  }

  const warnings = checkPaymentResponse(parsed.body);
  if (parsed.repaired) {
    warnings.push({ code: "text-repaired", path: "(body)", message: "text held unpaired UTF-16 surrogates; stored with � in their place", sibling: false });
  }
  const blocking = options.strict ? warnings.filter((w) => w.sibling) : [];
  if (blocking.length > 0) {
    const problems = blocking.map(({ path, message }) => ({ path, message }));
    const reason = `strict mode: ${problems.map((p) => p.path).join(", ")}`;
    return refuse(envelope, 422, reason, problems, identify(parsed.json));
  }

  const record = toPaymentRecord(parsed.body, warnings);
  const stored = await storePaymentMessage(envelope, record, sha256Hex(canonicalJson(parsed.json)));
  return {
    httpStatus: 200,
    outcome: stored.outcome,
    deliveryId: stored.deliveryId,
    reqMsgId: record.reqMsgId,
    paymentId: stored.paymentId,
    message: stored.reason ?? `payment ${stored.outcome}`,
    problems: [],
    warningCount: warnings.length,
  };
}

/** Keeps a delivery refused before its body was read as JSON (authentication, size). */
export async function recordRefusedDelivery(incoming: IncomingDelivery, httpStatus: number, reason: string): Promise<IngestResult> {
  const text = decodeUtf8(incoming.body);
  // Parsed (when shallow enough to walk) only so that masking is verified on the structure too.
  const json = text !== null && jsonDepth(text) <= MAX_JSON_DEPTH ? safeParse(text) : undefined;
  return refuse(envelopeOf(incoming, text, json), httpStatus, reason, []);
}

async function refuse(
  envelope: DeliveryEnvelope,
  httpStatus: number,
  reason: string,
  problems: FieldProblem[],
  ids: { objectId?: string; reqMsgId?: string; utr?: string } = {},
): Promise<IngestResult> {
  const stored = await storeRejectedDelivery(envelope, { httpStatus, reason, ...ids });
  return {
    httpStatus,
    outcome: "rejected",
    deliveryId: stored.deliveryId,
    reqMsgId: ids.reqMsgId ?? null,
    paymentId: stored.paymentId,
    message: reason,
    problems,
    warningCount: 0,
  };
}

/**
 * The stored form of the body: as received, except that account numbers are masked.
 * If masking the text missed one (exotic escapes), the masked parse is stored instead.
 */
function envelopeOf(incoming: IncomingDelivery, text: string | null, json: unknown): DeliveryEnvelope {
  const common = { receivedAt: incoming.receivedAt, sourceIp: incoming.sourceIp, headers: incoming.headers, bodyBytes: incoming.bytesSeen ?? incoming.body.byteLength };
  // Not UTF-8, or holding raw NUL bytes (which PostgreSQL text refuses): keep the bytes as base64,
  // masked through a byte-preserving latin1 view (account numbers are ASCII).
  if (text === null || text.includes("\u0000")) {
    const masked = maskAccountNumbersInText(Buffer.from(incoming.body).toString("latin1"));
    return { ...common, rawBody: Buffer.from(masked.text, "latin1").toString("base64"), rawEncoding: "base64", rawMasked: masked.changed };
  }
  const masked = maskAccountNumbersInText(text);
  if (json !== undefined) {
    const stored = masked.changed ? safeParse(masked.text) : json;
    if (jsonExposesAccount(stored)) {
      return { ...common, rawBody: JSON.stringify(maskAccountsInJson(json).value), rawEncoding: "utf8", rawMasked: true };
    }
  }
  return { ...common, rawBody: masked.text, rawEncoding: "utf8", rawMasked: masked.changed };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** objectId, reqMsgId and UTR of a body that failed validation, when they can be read. */
function identify(json: unknown): { objectId?: string; reqMsgId?: string; utr?: string } {
  const pick = (node: unknown, a: string, b: string): string | undefined => {
    if (typeof node !== "object" || node === null) return undefined;
    const inner = (node as Record<string, unknown>)[a];
    if (typeof inner !== "object" || inner === null) return undefined;
    const value = (inner as Record<string, unknown>)[b];
    return typeof value === "string" && value.length > 0 && value.length <= MAX_KEY_LENGTH ? value : undefined;
  };
  return { objectId: pick(json, "payment", "objectId"), reqMsgId: pick(json, "resp", "reqMsgId"), utr: pick(json, "payment", "utr") };
}
