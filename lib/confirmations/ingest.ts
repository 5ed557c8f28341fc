// Ingest of a Payment Confirmation Response: decode → mask → parse → validate → store, with the
// guarantees of resp-pay (lib/ingest/ingest.ts): every delivery kept, masked; a 4xx naming the
// field on bad input; retries and duplicates idempotent; 503 when the database fails.
import { canonicalJson, sha256Hex } from "../canonical-json";
import { CONFIRMATION_ENDPOINT } from "../enkash/endpoints";
import { maskerFor } from "../enkash/mask-body";
import { itemLimits } from "../enkash/limits";
import { parseEnkashBody } from "../enkash/parse";
import { identify, keepBody, refuse, storeOrRefuse, type IncomingDelivery, type IngestOptions, type IngestResult } from "../ingest/ingest";
import { parseEnkashTs } from "../time";
import { checkConfirmation, confirmationSchema, type ConfirmationBody } from "./schema";
import { storeConfirmation, type ConfirmationRecord } from "./store";

export async function ingestConfirmation(incoming: IncomingDelivery, options: IngestOptions): Promise<IngestResult> {
  const kept = keepBody({ ...incoming, endpoint: CONFIRMATION_ENDPOINT }, options.maxBodyBytes, maskerFor(CONFIRMATION_ENDPOINT));
  if (kept.text === null || kept.refusal) {
    const refusal = kept.refusal ?? { status: 400 as const, reason: "body is not text" };
    return refuse(kept, refusal.status, refusal.reason, []);
  }
  const limits = itemLimits(options.maxBodyBytes);
  const parsed = parseEnkashBody(kept.text, limits, confirmationSchema);
  const ids = identify(parsed.json, "paymentConfirmation");
  if (!parsed.ok) return refuse(kept, parsed.status, parsed.reason, parsed.problems, ids);
  // Everything kept is built from the masked text; validation read the body as sent.
  const masked = kept.maskedText === kept.text ? parsed : parseEnkashBody(kept.maskedText, limits, confirmationSchema);
  if (!masked.ok) return refuse(kept, 422, "the body could not be checked for account numbers", [], ids);
  const warnings = checkConfirmation(masked.body);
  if (options.strict && warnings.length > 0) {
    const problems = warnings.map(({ path, message }) => ({ path, message }));
    return refuse(kept, 422, `strict mode: ${problems.map((p) => p.path).join(", ")}`, problems, ids);
  }
  const record = toConfirmationRecord(masked.body, warnings, incoming.receivedAt);
  const fingerprint = sha256Hex(canonicalJson(masked.json));
  return storeOrRefuse(kept, ids, warnings.length, () => storeConfirmation(kept.envelope, record, fingerprint), { reqMsgId: record.reqMsgId, objectId: record.objectId });
}

function toConfirmationRecord(body: ConfirmationBody, warnings: ReturnType<typeof checkConfirmation>, receivedAt: Date): ConfirmationRecord {
  const c = body.paymentConfirmation;
  const ts = parseEnkashTs(c.ts);
  return {
    objectId: c.objectId,
    reqMsgId: body.resp.reqMsgId,
    result: body.resp.result,
    errorCd: body.resp.errorCd ?? "",
    errorDtl: body.resp.errorDtl ?? "",
    errorField: body.resp.errorField ?? "",
    buyerB2BId: body.b2bIds.buyerB2BId,
    supplierB2BId: body.b2bIds.supplierB2BId,
    supplierResponse: c.supplierResponse,
    supplierRemarks: c.supplierRemarks ?? "",
    type: c.type,
    ts: c.ts,
    tsInstant: ts.ok ? ts.instant : null,
    receivedAt,
    invoiceInfos: JSON.stringify((c.invoiceInfos ?? []).map((i) => ({
      objectId: i.objectId ?? null,
      supplierInvoiceNumber: i.supplierInvoiceNumber ?? null,
      version: i.objectVersion ? `${i.objectVersion.currentVersion ?? "?"} → ${i.objectVersion.newVersion ?? "?"}` : null,
      status: i.statusTransition ? `${i.statusTransition.currentStatus ?? "?"} → ${i.statusTransition.newStatus ?? "?"}` : null,
    }))),
    warnings: JSON.stringify(warnings.map(({ code, path, message }) => ({ code, path, message }))),
  };
}
