// The webhooks' short way in. A webhook is one POST of a small JSON body, and Next's router and
// its web Request and Response cost the server's thread about as much as the delivery's own work
// (BENCHMARKS.md, issue 13, sixth pass). So each webhook's route offers its handler here as its
// module loads (lib/webhook/receive.ts → webhookRoute), and the app's server (scripts/serve.ts)
// hands that path's POSTs straight to it: the same steps as the route's, on the Node request, with
// the headers next.config.mjs gives every response. The server has Next load those modules as it
// starts (loadRoutes); until then, and always under `next dev` and in tests that call a route's
// POST, Next serves them.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import securityHeaders from "../security-headers.json";
import type { WebhookAnswer } from "./envelope";
import { readNodeBody } from "./read-body";
import type { WebhookRequest } from "./receive";

export type FastHandler = (request: WebhookRequest) => Promise<WebhookAnswer>;

const SECURITY_HEADERS = Object.fromEntries(securityHeaders.map((h) => [h.key, h.value]));
const FAST_ROUTES = Symbol.for("payments-desk.fast-routes");

function routes(): Map<string, FastHandler> {
  const global = globalThis as unknown as Record<symbol, Map<string, FastHandler> | undefined>;
  return (global[FAST_ROUTES] ??= new Map());
}

/** Called by a webhook's route as its module loads: POSTs to `path` may skip Next from now on. */
export function offerFastRoute(path: string, handler: FastHandler): void {
  routes().set(path, handler);
}

/** The handler offered for this POST's path (the query string ignored), if any. */
export function fastRouteFor(method: string | undefined, url: string | undefined): FastHandler | undefined {
  if (method !== "POST" || !url) return undefined;
  const query = url.indexOf("?");
  return routes().get(query === -1 ? url : url.slice(0, query));
}

/** Serves one request with `handler`; `abandon` ends a body that will not be read (scripts/serve.ts). */
export async function serveFast(handler: FastHandler, req: IncomingMessage, res: ServerResponse, abandon: () => void): Promise<void> {
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    const answer = await handler({
      headers,
      readBody: (cap, timeoutMs) => readNodeBody(req, cap, timeoutMs, abandon),
      abandonBody: async () => abandon(),
    });
    const body = Buffer.from(answer.body);
    res.writeHead(answer.status, { ...SECURITY_HEADERS, ...answer.headers, "Content-Length": body.byteLength });
    res.end(body);
  } catch (error) {
    // The handlers answer every failure themselves, so this is a bug: answered as Next would.
    console.error(error);
    if (res.headersSent) res.destroy();
    else res.writeHead(500, { "Content-Type": "text/plain" }).end("Internal Server Error");
  }
}

/**
 * Has Next load the route modules at `paths` (a GET each to this server, answered 405), so that
 * they offer their handlers before the first webhook arrives. Failures only leave Next serving them.
 */
export async function loadRoutes(server: http.Server, paths: string[]): Promise<void> {
  const address = server.address() as AddressInfo;
  const host = address.address === "0.0.0.0" ? "127.0.0.1" : address.address === "::" ? "::1" : address.address;
  for (const path of paths) {
    await new Promise<void>((resolve) => {
      const request = http.request({ host, port: address.port, path, method: "GET", timeout: 30_000 }, (response) => {
        response.resume();
        response.on("end", resolve);
      });
      request.on("timeout", () => request.destroy());
      request.on("error", () => resolve());
      request.end();
    });
  }
}
