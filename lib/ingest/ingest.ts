// Ingest, the one entry point for a webhook body: decode → mask → parse → validate → store.
// The route handles HTTP (size cap, authentication); everything after the bytes is here.
//
// Masking comes first and everything kept is built from the masked text: the raw delivery, the
// payment graph, warnings, the fingerprint, reasons and the answer. Only validation reads the
// body as sent, so that masking can never turn a bad body into a good one.
import { canonicalJson, sha256Hex } from "../canonical-json";
import { checkPaymentResponse, type Warning } from "../enkash/checks";
import { maskPaymentResponseText } from "../enkash/mask-body";
import { appConfig } from "../config";
import type { MaskedText } from "../masking/json-text";
import { decryptEnvelope, wrappedCiphertext } from "../webhook/aes-envelope";
import { itemLimits, type ItemLimits } from "../enkash/limits";
import { parsePaymentResponse, type ParseResult } from "../enkash/parse";
import { MAX_KEY_LENGTH, type FieldProblem } from "../enkash/schema";
import { MASKING_VERSION, maskFreeText, References } from "../masking/rules";
import { logEvent } from "../log";
import { yieldToEventLoop } from "../yield";
import { decodeBody } from "./decode-body";
import { describeStorageError, isConnectivityFailure, StorageUnavailableError, UnstorableMessageError } from "./errors";
import { toPaymentRecord, type PaymentRecord } from "./payment-record";
import { fingerprintAccounts } from "../signals/fingerprint";
import { storePaymentMessage, storeRejectedDelivery, type DeliveryEnvelope, type Outcome, type StoredDelivery } from "./store";
import type { PaymentResponse } from "../enkash/schema";

export { StorageUnavailableError } from "./errors";
export type { Outcome } from "./store";

export interface IncomingDelivery {
  receivedAt: Date;
  sourceIp: string | null;
  /** The kept request headers (lib/webhook/kept-headers.ts), already masked. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** Bytes that arrived when the body itself was not kept (over the size cap). */
  bytesSeen?: number;
  /** How the request was authenticated: secret | previous-secret | off | refused | replay. */
  auth: string;
  /** Set when an admin replays a rejected delivery: the delivery replayed. */
  replayOfId?: number;
  /** The webhook it was sent to (Delivery.endpoint); resp-pay when not set. */
  endpoint?: string;
}

export interface IngestOptions {
  /** Reject (422) what sibling EnKash pages document, instead of flagging it. */
  strict: boolean;
  /** Largest body kept, also after decompression (WEBHOOK_MAX_BODY_BYTES). */
  maxBodyBytes: number;
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

/** What is kept of a body: the envelope to store, and the decoded text when there is one. */
export interface KeptBody {
  envelope: DeliveryEnvelope;
  /** The body as sent, decoded; null when it is not text. */
  text: string | null;
  maskedText: string;
  maskedPaths: string[];
  references: References;
  charset: string;
  refusal: { status: 400 | 413; reason: string } | null;
}

/** Bodies above this size are parsed and checked in steps (see ingestPaymentResponse). */
const LARGE_BODY_BYTES = 64 * 1024;

/** Parses, validates and stores one delivery. Throws StorageUnavailableError when the database fails. */
export async function ingestPaymentResponse(incoming: IncomingDelivery, options: IngestOptions): Promise<IngestResult> {
  // A large body is worked on in steps, letting other requests run between them (each step is
  // ~50 ms at the 1 MiB cap: RELIABILITY.md → Event loop).
  const large = incoming.body.byteLength > LARGE_BODY_BYTES;
  const step = () => (large ? yieldToEventLoop() : Promise.resolve());
  const message = await readMessage(incoming, options, step);
  if (!message.ok) return refuse(message.kept, message.status, message.reason, message.problems, message.ids);
  const { kept, ids, record, fingerprint, warnings } = message;
  await fingerprintAccounts(record.invoices, message.sentInvoices);
  const blocking = strictBlocking(warnings, options);
  if (blocking.length > 0) {
    const problems = blocking.map(({ path, message }) => ({ path, message }));
    return refuse(kept, 422, `strict mode: ${problems.map((p) => p.path).join(", ")}`, problems, ids);
  }

  await step();
  const store = () => storePaymentMessage(kept.envelope, record, fingerprint);
  return storeOrRefuse(kept, ids, warnings.length, store, { reqMsgId: record.reqMsgId, objectId: record.objectId });
}

/** A body read as a payment message: the message to store, or why it is refused. */
type MessageReading =
  | { ok: false; kept: KeptBody; status: number; reason: string; problems: FieldProblem[]; ids: ReturnType<typeof identify> }
  | {
      ok: true;
      kept: KeptBody;
      ids: ReturnType<typeof identify>;
      record: PaymentRecord;
      fingerprint: string;
      warnings: Warning[];
      /** The invoices as sent (their bank details unmasked): what fingerprintAccounts reads. */
      sentInvoices: PaymentResponse["payment"]["invoicesPayInfos"];
    };

/** Decodes, masks, parses and checks a body; `step` lets other work run between the steps. */
async function readMessage(incoming: IncomingDelivery, options: IngestOptions, step: () => Promise<void> = () => Promise.resolve()): Promise<MessageReading> {
  const kept = keepBody(incoming, options.maxBodyBytes);
  if (kept.text === null || kept.refusal) {
    const refusal = kept.refusal ?? { status: 400 as const, reason: "body is not text" };
    return { ok: false, kept, status: refusal.status, reason: refusal.reason, problems: [], ids: {} };
  }
  await step();
  const limits = itemLimits(options.maxBodyBytes);
  const parsed = parsePaymentResponse(kept.text, limits);
  if (!parsed.ok) return { ok: false, kept, status: parsed.status, reason: parsed.reason, problems: parsed.problems, ids: identify(parsed.json) };

  await step();
  const ids = identify(parsed.json);
  const message = interpret(kept, parsed, incoming.receivedAt, limits);
  if (!message.ok) return { ok: false, kept, status: 422, reason: "the body could not be checked for account numbers", problems: [], ids };
  const { record, fingerprint, warnings } = message;
  return { ok: true, kept, ids, record, fingerprint, warnings, sentInvoices: parsed.body.payment.invoicesPayInfos };
}

/** The warnings that refuse a message in strict mode (WEBHOOK_STRICT). */
const strictBlocking = (warnings: Warning[], options: IngestOptions) => (options.strict ? warnings.filter((w) => w.sibling) : []);

/** The answer for a stored message. */
function storedResult(stored: StoredDelivery, reqMsgId: string, warningCount: number): IngestResult {
  return {
    httpStatus: 200,
    outcome: stored.outcome,
    deliveryId: stored.deliveryId,
    reqMsgId,
    paymentId: stored.paymentId,
    message: stored.reason ?? `stored (${stored.outcome})`,
    problems: [],
    warningCount,
  };
}

/**
 * Stores a valid message, and answers for it: 200 with what was done; 422 for a value the database
 * refuses however often it is sent (never a 503 retried forever); 503 (the delivery still kept)
 * when the database answered with an error about this message; a lost database throws.
 */
export async function storeOrRefuse(
  kept: KeptBody,
  ids: { objectId?: string; reqMsgId?: string; utr?: string },
  warningCount: number,
  store: () => Promise<StoredDelivery>,
  logged: { reqMsgId: string; objectId: string },
): Promise<IngestResult> {
  try {
    return storedResult(await store(), logged.reqMsgId, warningCount);
  } catch (error) {
    if (error instanceof UnstorableMessageError) {
      return refuse(kept, 422, `the message cannot be stored as it is: ${error.description}`, [], ids);
    }
    // The database answered, but with an error about this message (a statement or the transaction
    // ran out of time, a trigger, a full disk): EnKash retries (503), and the delivery itself is
    // kept so that the message is never lost from view and an admin can replay it.
    if (error instanceof StorageUnavailableError && !isConnectivityFailure(error.cause)) {
      logEvent("error", "webhook.payment_not_stored", { ...logged, cause: describeStorageError(error.cause) });
      const reason = `not stored: ${describeStorageError(error.cause).replace("refused a value", "failed")}; EnKash was asked to retry`;
      return refuse(kept, 503, reason, [], ids).catch(() => {
        throw error;
      });
    }
    throw error;
  }
}

type ValidBody = Extract<ParseResult, { ok: true }>;

/**
 * A valid body as it is stored: the payment record, the fingerprint and the warnings, all built
 * from the masked text (validation read the body as sent).
 */
function interpret(kept: KeptBody, parsed: ValidBody, receivedAt: Date, limits: ItemLimits) {
  const masked = kept.maskedText === kept.text ? parsed : parsePaymentResponse(kept.maskedText, limits);
  if (!masked.ok) {
    logEvent("error", "webhook.mask_changed_validity", { paths: kept.maskedPaths.length });
    return { ok: false as const };
  }
  const warnings = [...checkPaymentResponse(masked.body, receivedAt), ...ingestWarnings(kept, parsed)];
  return { ok: true as const, record: toPaymentRecord(masked.body, warnings, receivedAt), fingerprint: sha256Hex(canonicalJson(masked.json)), warnings };
}

/**
 * A delivery's stored body read again by today's rules (masking, checks, mapping): what
 * `npm run migrate` uses to bring rows stored by an earlier version up to date.
 */
export function reinterpretStoredBody(rawBody: string, receivedAt: Date) {
  const kept = keepBody({ receivedAt, sourceIp: null, headers: {}, body: new TextEncoder().encode(rawBody), auth: "unknown" }, Number.MAX_SAFE_INTEGER);
  // What was stored was accepted then: today's limits do not apply to it.
  const limits = itemLimits(Number.MAX_SAFE_INTEGER);
  const parsed = kept.text === null ? null : parsePaymentResponse(kept.text, limits);
  const message = parsed?.ok ? interpret(kept, parsed, receivedAt, limits) : null;
  return { maskedText: kept.maskedText, changed: kept.envelope.rawMasked, message: message?.ok ? message : null };
}

/** Keeps a delivery refused before its body was read as JSON (authentication, size). */
export async function recordRefusedDelivery(incoming: IncomingDelivery, httpStatus: number, reason: string, maxBodyBytes: number): Promise<IngestResult> {
  return refuse(keepBody(incoming, maxBodyBytes), httpStatus, reason, []);
}

/** How a body is masked before it is kept: the layout of the webhook it was sent to. */
export type BodyMasker = (text: string) => MaskedText;

export function keepBody(incoming: IncomingDelivery, maxBodyBytes: number, mask: BodyMasker = maskPaymentResponseText): KeptBody {
  const common = {
    receivedAt: incoming.receivedAt,
    sourceIp: incoming.sourceIp,
    headers: incoming.headers,
    bodyBytes: incoming.bytesSeen ?? incoming.body.byteLength,
    maskedWith: MASKING_VERSION,
    auth: incoming.auth,
    ...(incoming.replayOfId === undefined ? {} : { replayOfId: incoming.replayOfId }),
    ...(incoming.endpoint === undefined ? {} : { endpoint: incoming.endpoint }),
  };
  const decoded = decodeBody(incoming.body, incoming.headers["content-encoding"], maxBodyBytes);
  if (!decoded.ok) {
    return {
      envelope: { ...common, rawBody: decoded.preview, rawEncoding: decoded.encoding, rawMasked: decoded.preview.length > 0 },
      text: null,
      maskedText: "",
      maskedPaths: [],
      references: new References(),
      charset: "binary",
      refusal: { status: decoded.tooLarge ? 413 : 400, reason: decoded.reason },
    };
  }
  const ciphertext = wrappedCiphertext(decoded.text);
  if (ciphertext !== null) {
    const key = appConfig().WEBHOOK_AES_KEY;
    const decrypted = key ? decryptEnvelope(ciphertext, key) : { ok: false as const, reason: "WEBHOOK_AES_KEY is not set, so it cannot be read" };
    if (decrypted.ok) return keepDecrypted(common, decoded.text, decoded.encoding, decrypted.text, mask);
    // Not kept verbatim: it did not decrypt, so it is masked like any other text.
    const kept = keepText(common, decoded.text, decoded.encoding, decoded.charset, mask);
    return { ...kept, refusal: { status: 400, reason: `body is AES-wrapped ({"request": …}) but ${decrypted.reason}` } };
  }
  return keepText(common, decoded.text, decoded.encoding, decoded.charset, mask);
}

type CommonEnvelope = Omit<DeliveryEnvelope, "rawBody" | "rawEncoding" | "rawMasked">;

/** PostgreSQL text cannot hold NUL: it is shown as ␀ (the body is refused for holding it anyway). */
const storableText = (text: string) => text.replaceAll("\u0000", "\u2400");

function keepText(common: CommonEnvelope, text: string, encoding: string, charset: KeptBody["charset"], mask: BodyMasker): KeptBody {
  const masked = mask(text);
  const nul = masked.text.includes("\u0000");
  return {
    envelope: {
      ...common,
      rawBody: storableText(masked.text),
      rawEncoding: nul ? `${encoding}+nul` : encoding,
      rawMasked: masked.changed,
    },
    text,
    maskedText: masked.text,
    maskedPaths: masked.maskedPaths,
    references: masked.references,
    charset,
    refusal: null,
  };
}

/**
 * An AES-wrapped body that decrypted: the ciphertext is kept as received (it shows no account
 * number), the decrypted text masked beside it, and the decrypted text is what is validated.
 */
function keepDecrypted(common: CommonEnvelope, wrapper: string, encoding: string, plain: string, mask: BodyMasker): KeptBody {
  const masked = mask(plain);
  return {
    envelope: { ...common, rawBody: wrapper, rawEncoding: `${encoding}+aes`, rawMasked: masked.changed, decryptedBody: storableText(masked.text) },
    text: plain,
    maskedText: masked.text,
    maskedPaths: masked.maskedPaths,
    references: masked.references,
    charset: "utf8",
    refusal: null,
  };
}

const LISTED_MASKS = 10;

/** What ingest itself noticed: masked account numbers, nulls read as absent, repairs, encodings. */
function ingestWarnings(kept: KeptBody, parsed: ValidBody): Warning[] {
  const out: Warning[] = [];
  const flag = (code: string, path: string, message: string) => out.push({ code, path, message, sibling: false });
  for (const path of kept.maskedPaths.slice(0, LISTED_MASKS)) {
    flag("account-masked", path, "held more than the last four digits of what may be an account number: stored masked");
  }
  if (kept.maskedPaths.length > LISTED_MASKS) flag("account-masked", "(body)", `${kept.maskedPaths.length - LISTED_MASKS} more values were masked`);
  for (const path of parsed.nulls) flag("null-as-absent", path, "was null: read as absent");
  if (parsed.repaired) flag("text-repaired", "(body)", "text held unpaired UTF-16 surrogates; stored with � in their place");
  if (kept.charset !== "utf8") flag("body-encoding", "(body)", `the body was ${kept.charset.toUpperCase()}, not UTF-8; decoded`);
  return out;
}

export async function refuse(
  kept: KeptBody,
  httpStatus: number,
  reason: string,
  problems: FieldProblem[],
  ids: { objectId?: string; reqMsgId?: string; utr?: string } = {},
): Promise<IngestResult> {
  // Reasons and problems quote the body's paths and values: the same rule applies to them.
  const safe = (text: string) => maskFreeText(text, kept.references).text;
  const safeProblems = problems.map((p) => ({ path: safe(p.path), message: safe(p.message) }));
  const stored = await storeRejectedDelivery(kept.envelope, { httpStatus, reason: safe(reason), ...ids });
  return {
    httpStatus,
    outcome: "rejected",
    deliveryId: stored.deliveryId,
    reqMsgId: ids.reqMsgId ?? null,
    paymentId: stored.paymentId,
    message: safe(reason),
    problems: safeProblems,
    warningCount: 0,
  };
}

/** objectId, reqMsgId and UTR of a body that failed validation, when they can be read. */
export function identify(json: unknown, container: "payment" | "paymentConfirmation" = "payment"): { objectId?: string; reqMsgId?: string; utr?: string } {
  const pick = (node: unknown, a: string, b: string): string | undefined => {
    if (typeof node !== "object" || node === null) return undefined;
    const inner = (node as Record<string, unknown>)[a];
    if (typeof inner !== "object" || inner === null) return undefined;
    const value = (inner as Record<string, unknown>)[b];
    return typeof value === "string" && value.length > 0 && value.length <= MAX_KEY_LENGTH ? value : undefined;
  };
  return { objectId: pick(json, container, "objectId"), reqMsgId: pick(json, "resp", "reqMsgId"), utr: pick(json, "payment", "utr") };
}
