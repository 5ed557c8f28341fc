// What the app knows about a request beyond Next's own: the caller's address and the page's path.
//
// The caller's address. Next.js cannot say (it keeps an X-Forwarded-For a client sent), so the
// app's own server (scripts/serve.ts) works it out from the socket and sets CLIENT_IP_HEADER,
// replacing anything a client sent under that name. Everything reads the address from there.
import type { IncomingMessage } from "node:http";

export const CLIENT_IP_HEADER = "x-payments-desk-client-ip";
/** Set by proxy.ts on page requests: the path and query being served (the way back after sign-in). */
export const PATH_HEADER = "x-payments-desk-path";
/** Set by scripts/serve.ts on every request (a client's value is replaced): see abandonRequestBody. */
export const REQUEST_ID_HEADER = "x-payments-desk-request";
/** Where scripts/serve.ts registers how to end a request's body early (see abandonRequestBody). */
export const END_REQUEST_BODY = Symbol.for("payments-desk.end-request-body");

/**
 * Stops reading a request's body that will not be used (over the size cap, too slow, refused).
 * Under the app's server the request is ended there: Next answers only once a request has ended,
 * and cancelling Next's body stream would make its later end throw. Elsewhere (tests) the stream
 * is cancelled.
 */
export async function abandonRequestBody(request: Request): Promise<void> {
  const end = (globalThis as unknown as Record<symbol, ((id: string) => boolean) | undefined>)[END_REQUEST_BODY];
  const id = request.headers.get(REQUEST_ID_HEADER);
  if (end && id && end(id)) return;
  if (!request.body?.locked) await request.body?.cancel().catch(() => undefined);
}

const abandoned = new WeakSet<IncomingMessage>();

/**
 * The server's side of abandonRequestBody (scripts/serve.ts): Next answers only once a request has
 * ended, so a body that will not be used (too large, too slow, refused) is ended here. Nothing more
 * is read from the socket, and the server closes the connection after the answer.
 */
export function endRequestBody(req: IncomingMessage): boolean {
  if (req.complete || req.readableEnded) return true;
  abandoned.add(req);
  req.socket.pause();
  // Marked complete so that ending it does not destroy the socket before the answer is written
  // (Node destroys the socket of a request that ends incomplete); closed after the answer instead.
  req.complete = true;
  req.push(null);
  // Body bytes the parser already holds (or that arrive before the answer) are dropped here:
  // pushed after the end they would error the request and reset the connection unanswered.
  req.push = () => false;
  return true;
}

/** Whether endRequestBody ended this request's body before it was all read. */
export const bodyAbandoned = (req: IncomingMessage) => abandoned.has(req);

/**
 * TRUSTED_PROXY_HOPS = 0: the socket's peer. N > 0: the N-th X-Forwarded-For entry from the right,
 * the address the outermost of our N proxies saw (entries further left are the client's own claims).
 */
export function resolveClientIp(peer: string | null | undefined, forwardedFor: string | string[] | null | undefined, trustedProxyHops: number): string | null {
  let ip: string | null | undefined = peer;
  if (trustedProxyHops > 0) {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
    const hops = header.split(",").map((s) => s.trim()).filter(Boolean);
    ip = hops[hops.length - trustedProxyHops] ?? null;
  }
  return ip ? ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1") : null;
}

/** The address the server worked out for a request, or null when not served by scripts/serve.ts. */
export function clientIpOf(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER);
}

/**
 * Whether a request arrived over HTTPS: on a TLS socket, or (behind trusted proxies) as the
 * outermost proxy's X-Forwarded-Proto says. HSTS is sent only then.
 */
export function arrivedOverHttps(encryptedSocket: boolean, forwardedProto: string | string[] | undefined, trustedProxyHops: number): boolean {
  if (encryptedSocket) return true;
  if (trustedProxyHops === 0) return false;
  const protos = (Array.isArray(forwardedProto) ? forwardedProto.join(",") : (forwardedProto ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
  return protos[protos.length - trustedProxyHops] === "https";
}

/**
 * A path on this site to return to after signing in, or null: it must start with one "/" (not
 * "//" or "/\", which browsers read as another host) and not lead back to sign-in.
 */
export function safeReturnPath(path: string | null | undefined): string | null {
  if (!path || path.length > 2000 || !/^\/(?![/\\])/.test(path) || /[\u0000-\u001f]/.test(path)) return null;
  return path.startsWith("/sign-in") ? null : path;
}
