// POST api/v0/payment/resp-pay — EnKash "Payment Response" webhook.
// Reads the raw body under a cap, authenticates, then hands the bytes to ingest; answers
// 200 only after the delivery and payment are committed.
import { appConfig } from "@/lib/config";
import { ingestPaymentResponse, recordRefusedDelivery, StorageUnavailableError, type IngestResult } from "@/lib/ingest/ingest";
import { authenticate, sourceIp } from "@/lib/webhook/auth";
import { enkashResponse } from "@/lib/webhook/envelope";
import { keptHeaders } from "@/lib/webhook/kept-headers";
import { readBodyWithCap } from "@/lib/webhook/read-body";
import { logEvent } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const receivedAt = new Date();
  const config = appConfig();
  const ip = sourceIp(request.headers, config.TRUSTED_PROXY_HOPS);
  const base = { receivedAt, sourceIp: ip, headers: keptHeaders(request.headers, config.WEBHOOK_SECRET_HEADER) };
  try {
    const read = await readBodyWithCap(request, config.WEBHOOK_MAX_BODY_BYTES);
    if (!read.ok) {
      const reason = `body larger than ${config.WEBHOOK_MAX_BODY_BYTES} bytes (WEBHOOK_MAX_BODY_BYTES): ${read.bytesSeen} bytes declared or received`;
      return answer(await recordRefusedDelivery({ ...base, body: new Uint8Array(0), bytesSeen: read.bytesSeen }, 413, reason, config.WEBHOOK_MAX_BODY_BYTES));
    }
    const incoming = { ...base, body: read.bytes };
    const denied = authenticate(request.headers, ip, config);
    if (denied) return answer(await recordRefusedDelivery(incoming, denied.status, denied.reason, config.WEBHOOK_MAX_BODY_BYTES));
    return answer(await ingestPaymentResponse(incoming, { strict: config.WEBHOOK_STRICT, maxBodyBytes: config.WEBHOOK_MAX_BODY_BYTES }));
  } catch (error) {
    if (error instanceof StorageUnavailableError) {
      logEvent("error", "webhook.storage_unavailable", { cause: describe(error.cause) });
      return enkashResponse(503, "temporarily unable to store the delivery; please retry", { deliveryId: null, reqMsgId: null, outcome: "not-stored" }, { "Retry-After": "5" });
    }
    logEvent("error", "webhook.unexpected", { cause: describe(error) });
    return enkashResponse(500, "internal error; the delivery was not stored, please retry", { deliveryId: null, reqMsgId: null, outcome: "not-stored" });
  }
}

function answer(result: IngestResult): Response {
  logEvent(result.httpStatus === 200 ? "info" : "warn", "webhook.delivery", {
    deliveryId: result.deliveryId,
    outcome: result.outcome,
    status: result.httpStatus,
    reqMsgId: result.reqMsgId,
    warnings: result.warningCount,
  });
  const message = result.httpStatus === 200
    ? `stored (${result.outcome})`
    : result.problems.length > 0
      ? `rejected: ${result.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`
      : `rejected: ${result.message}`;
  return enkashResponse(result.httpStatus, message, {
    deliveryId: result.deliveryId,
    reqMsgId: result.reqMsgId,
    outcome: result.outcome,
    ...(result.problems.length > 0 ? { errors: result.problems } : {}),
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown error";
}

const methodNotAllowed = () =>
  enkashResponse(405, "method not allowed: use POST", { deliveryId: null, reqMsgId: null, outcome: "not-stored" }, { Allow: "POST" });

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
