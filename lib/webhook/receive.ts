// Receiving an EnKash webhook (resp-pay and resp-pay-confirmation): authenticates from the headers
// first, reads the raw body under a cap, then hands the bytes to the webhook's ingest; answers 200
// only after the delivery and what it carried are committed. The same steps serve a web Request
// (the route, through Next) and a Node request (lib/webhook/fast-path.ts, the app's own server).
import { appConfig, type AppConfig } from "@/lib/config";
import { webhookPath } from "@/lib/enkash/endpoints";
import { recordRefusedDelivery, StorageUnavailableError, type IncomingDelivery, type IngestOptions, type IngestResult } from "@/lib/ingest/ingest";
import { logEvent } from "@/lib/log";
import { abandonRequestBody, clientIpOf } from "@/lib/request-context";
import { authenticate } from "@/lib/webhook/auth";
import { enkashAnswer, enkashResponse, toResponse, type WebhookAnswer } from "@/lib/webhook/envelope";
import { offerFastRoute } from "@/lib/webhook/fast-path";
import { keptHeaders } from "@/lib/webhook/kept-headers";
import { readBodyWithCap, type BodyRead } from "@/lib/webhook/read-body";
import { allowRefused, beginRefusedUpload, keepsRefusedBody } from "@/lib/webhook/refused-limit";

const notStored = { deliveryId: null, reqMsgId: null, outcome: "not-stored" } as const;

export type Ingest = (incoming: IncomingDelivery, options: IngestOptions) => Promise<IngestResult>;

/** A webhook request as receiving it needs it, whichever server it came through. */
export interface WebhookRequest {
  headers: Headers;
  /** The whole body, unless it is over `cap` bytes or has not all arrived within `timeoutMs`. */
  readBody(cap: number, timeoutMs: number): Promise<BodyRead>;
  /** Stops reading a body that will not be used. */
  abandonBody(): Promise<void>;
}

/**
 * The route's POST for the webhook named `endpoint`. It also offers its handler to the app's server
 * (lib/webhook/fast-path.ts), which then serves the webhook's POSTs without Next's router.
 */
export function webhookRoute(endpoint: string, ingest: Ingest): (request: Request) => Promise<Response> {
  offerFastRoute(webhookPath(endpoint), (request) => receiveWebhook(request, endpoint, ingest));
  return async (request) => {
    const webRequest: WebhookRequest = {
      headers: request.headers,
      readBody: (cap, timeoutMs) => readBodyWithCap(request, cap, timeoutMs),
      abandonBody: () => abandonRequestBody(request),
    };
    return toResponse(await receiveWebhook(webRequest, endpoint, ingest));
  };
}

/** Answers one webhook request; `endpoint` names the webhook on every delivery kept. */
async function receiveWebhook(request: WebhookRequest, endpoint: string, ingest: Ingest): Promise<WebhookAnswer> {
  const receivedAt = new Date();
  const config = appConfig();
  const ip = clientIpOf(request.headers);
  const base = { receivedAt, sourceIp: ip, headers: keptHeaders(request.headers, config.WEBHOOK_SECRET_HEADER), endpoint };
  const cap = config.WEBHOOK_MAX_BODY_BYTES;
  try {
    const auth = await authenticate(request.headers, ip, config);
    if (!auth.ok) {
      // A caller without the secret gets a bounded share of the disk, the log and the connections.
      if (!allowRefused(ip, config.WEBHOOK_REFUSED_PER_MINUTE)) {
        await request.abandonBody();
        return enkashAnswer(429, `too many refused deliveries from this address: ${auth.reason}`, notStored, { "Retry-After": "60" });
      }
      const upload = beginRefusedUpload(config.WEBHOOK_MAX_REFUSED_UPLOADS);
      if (!upload) {
        await request.abandonBody();
        const reason = `${auth.reason} (body not read: ${config.WEBHOOK_MAX_REFUSED_UPLOADS} refused uploads already in progress, WEBHOOK_MAX_REFUSED_UPLOADS)`;
        const result = await recordRefusedDelivery({ ...base, body: new Uint8Array(0), auth: "refused" }, 429, reason, cap);
        return answer(result, { "Retry-After": "10" });
      }
      try {
        const keepBody = await keepsRefusedBody(ip, config.WEBHOOK_REFUSED_BODIES_PER_HOUR);
        const read = await request.readBody(cap, config.WEBHOOK_BODY_TIMEOUT_MS);
        const notes = [
          keepBody ? null : `body not kept: more than ${config.WEBHOOK_REFUSED_BODIES_PER_HOUR} refused deliveries from this address in the last hour`,
          read.ok ? null : bodyProblem(read, config).reason,
        ].filter(Boolean);
        const reason = notes.length > 0 ? `${auth.reason} (${notes.join("; ")})` : auth.reason;
        const body = read.ok && keepBody ? read.bytes : new Uint8Array(0);
        const bytesSeen = read.ok ? read.bytes.byteLength : read.bytesSeen;
        return answer(await recordRefusedDelivery({ ...base, body, bytesSeen, auth: "refused" }, auth.status, reason, cap));
      } finally {
        upload.release();
      }
    }
    const incoming = { ...base, auth: auth.method };
    // Without a secret, a browser page could post a "simple" cross-site request as text/plain.
    if (auth.method === "off" && !isJson(request.headers.get("content-type"))) {
      await request.abandonBody();
      return answer(await recordRefusedDelivery({ ...incoming, body: new Uint8Array(0) }, 415, "with WEBHOOK_AUTH=off only application/json bodies are accepted", cap));
    }
    const read = await request.readBody(cap, config.WEBHOOK_BODY_TIMEOUT_MS);
    if (!read.ok) {
      const problem = bodyProblem(read, config);
      return answer(await recordRefusedDelivery({ ...incoming, body: new Uint8Array(0), bytesSeen: read.bytesSeen }, problem.status, problem.reason, cap));
    }
    return answer(await ingest({ ...incoming, body: read.bytes }, { strict: config.WEBHOOK_STRICT, maxBodyBytes: cap }));
  } catch (error) {
    if (error instanceof StorageUnavailableError) {
      logEvent("error", "webhook.storage_unavailable", { cause: describe(error.cause) });
      return enkashAnswer(503, "temporarily unable to store the delivery; please retry", notStored, { "Retry-After": "5" });
    }
    logEvent("error", "webhook.unexpected", { cause: describe(error) });
    return enkashAnswer(500, "internal error; the delivery was not stored, please retry", notStored);
  }
}

function isJson(contentType: string | null): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType ?? "");
}

/** Why a body was not read whole: over the size cap (413), or too slow to arrive (408). */
function bodyProblem(read: Extract<BodyRead, { ok: false }>, config: AppConfig): { status: 408 | 413; reason: string } {
  return read.why === "tooLarge"
    ? { status: 413, reason: `body larger than ${config.WEBHOOK_MAX_BODY_BYTES} bytes (WEBHOOK_MAX_BODY_BYTES): ${read.bytesSeen} bytes declared or received` }
    : { status: 408, reason: `body did not arrive within ${config.WEBHOOK_BODY_TIMEOUT_MS} ms (WEBHOOK_BODY_TIMEOUT_MS): ${read.bytesSeen} bytes received` };
}

function answer(result: IngestResult, headers: Record<string, string> = {}): WebhookAnswer {
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
  const payload = {
    deliveryId: result.deliveryId,
    reqMsgId: result.reqMsgId,
    outcome: result.outcome,
    ...(result.problems.length > 0 ? { errors: result.problems } : {}),
  };
  // Kept, but its payment was not stored: EnKash retries.
  return enkashAnswer(result.httpStatus, message, payload, result.httpStatus === 503 ? { "Retry-After": "5", ...headers } : headers);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown error";
}

export const methodNotAllowed = () => enkashResponse(405, "method not allowed: use POST", notStored, { Allow: "POST" });
