// The app's HTTP server (`npm start`, `npm run dev`): Next.js behind a plain Node server that knows
// what Next cannot tell a route, the socket's address. It works out the caller's address once
// (lib/request-context.ts: the peer, or the address our trusted proxies saw) and hands it on in
// CLIENT_IP_HEADER, replacing anything a client sent under that name. It also adds HSTS to
// responses served over HTTPS, bounds how long a client may take to send its request, serves the
// webhooks' POSTs without Next's router (lib/webhook/fast-path.ts), and shuts down gracefully on
// SIGTERM (RELIABILITY.md).
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import next from "next";
import { appConfig, type AppConfig } from "../lib/config";
import { databaseClosers } from "../lib/database-url";
import { logEvent } from "../lib/log";
import { CONFIRMATION_ENDPOINT, PAYMENT_ENDPOINT, webhookPath } from "../lib/enkash/endpoints";
import { fastRouteFor, loadRoutes, serveFast } from "../lib/webhook/fast-path";
import { arrivedOverHttps, bodyAbandoned, CLIENT_IP_HEADER, END_REQUEST_BODY, endRequestBody, PATH_HEADER, REQUEST_ID_HEADER, resolveClientIp } from "../lib/request-context";

const { values } = parseArgs({ options: { dev: { type: "boolean", default: false } } });
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME_BIND ?? "0.0.0.0";
/** Request headers must arrive within this (a slowloris holds nothing for long). */
const HEADERS_TIMEOUT_MS = 10_000;
/** After the body deadline, how long the route gets before the request is ended regardless. */
const BODY_DEADLINE_GRACE_MS = 500;

// A rejection nobody handled is a bug: it is logged with what is known, and the server carries on
// (every request has its own bounds; one lost promise must not take the others down with it).
process.on("unhandledRejection", (reason) => {
  logEvent("error", "process.unhandled_rejection", { cause: describe(reason), stack: reason instanceof Error ? reason.stack?.split("\n").slice(0, 6).join(" | ") : undefined });
});
process.on("uncaughtException", (error) => {
  logEvent("error", "process.uncaught_exception", { cause: describe(error), stack: error.stack?.split("\n").slice(0, 6).join(" | ") });
  process.exit(1);
});

function describe(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}`.slice(0, 500) : String(reason).slice(0, 500);
}

async function main() {
  let config: AppConfig;
  try {
    config = appConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const hops = config.TRUSTED_PROXY_HOPS;
  // Tells the app (instrumentation.ts) that CLIENT_IP_HEADER can be trusted.
  process.env.PAYMENTS_DESK_SERVER = "1";
  const app = next({ dev: values.dev, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const inFlight = new Set<http.ServerResponse>();
  const requests = new Map<string, http.IncomingMessage>();
  let requestCount = 0;
  (globalThis as unknown as Record<symbol, (id: string) => boolean>)[END_REQUEST_BODY] = (id) => {
    const req = requests.get(id);
    return req ? endRequestBody(req) : false;
  };
  let stopping = false;

  const server = http.createServer((req, res) => {
    if (stopping) {
      // Arrived on a kept-alive connection after SIGTERM: EnKash retries a 503 (on another instance).
      res.writeHead(503, { "Content-Type": "application/json", Connection: "close", "Retry-After": "5" });
      res.end(JSON.stringify({ payload: JSON.stringify({ deliveryId: null, reqMsgId: null, outcome: "not-stored" }), response_code: 1, response_message: "the server is shutting down; please retry" }));
      return;
    }
    inFlight.add(res);
    // Headers only this server sets: whatever a client sent under these names is dropped.
    const id = String(++requestCount);
    requests.set(id, req);
    req.headers[REQUEST_ID_HEADER] = id;
    res.on("close", () => {
      inFlight.delete(res);
      requests.delete(id);
    });
    // Answered before the body was all read (408 slow, 413 too large, 401 refused): the rest is not
    // waited for. The connection is ended after the answer, and dropped a second later.
    res.on("finish", () => {
      clearTimeout(bodyDeadline);
      if (req.complete && !bodyAbandoned(req)) return;
      req.socket.end();
      setTimeout(() => req.socket.destroy(), 1_000).unref();
    });
    // A backstop for a route that never reads its body: the request is ended after the deadline.
    const bodyDeadline = setTimeout(() => endRequestBody(req), config.WEBHOOK_BODY_TIMEOUT_MS + BODY_DEADLINE_GRACE_MS);
    bodyDeadline.unref();
    delete req.headers[CLIENT_IP_HEADER];
    delete req.headers[PATH_HEADER];
    const ip = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
    if (ip) req.headers[CLIENT_IP_HEADER] = ip;
    if (arrivedOverHttps("encrypted" in req.socket, req.headers["x-forwarded-proto"], hops)) {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    // A webhook whose route module has loaded skips Next's router (lib/webhook/fast-path.ts).
    const fast = values.dev ? undefined : fastRouteFor(req.method, req.url);
    if (fast) void serveFast(fast, req, res, () => endRequestBody(req));
    else void handle(req, res);
  });
  // Node's own backstops behind the webhook's body deadline (408 from the route, which keeps the
  // delivery): the whole request, headers included, within the body deadline plus a margin.
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = config.WEBHOOK_BODY_TIMEOUT_MS + HEADERS_TIMEOUT_MS;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    logEvent("info", "server.stopping", { signal, inFlight: inFlight.size });
    // No new connections; idle kept-alive ones are closed now, busy ones after their response.
    server.close();
    server.closeIdleConnections();
    for (const res of inFlight) res.setHeader("Connection", "close");
    while (inFlight.size > 0 && Date.now() - started < config.SHUTDOWN_TIMEOUT_MS) {
      await new Promise((r) => setTimeout(r, 25));
      server.closeIdleConnections();
    }
    const unfinished = inFlight.size;
    if (unfinished > 0) logEvent("error", "server.shutdown_timeout", { unfinished, waitedMs: Date.now() - started });
    await closeDatabase();
    logEvent("info", "server.stopped", { signal, ms: Date.now() - started, unfinished });
    process.exit(unfinished > 0 ? 1 : 0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  // Every request shares one event loop: a stall shows in the log (once a second at most), with how
  // long it lasted.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  setInterval(() => {
    const maxMs = Math.round(loop.max / 1e6);
    if (maxMs > config.EVENT_LOOP_WARN_MS) logEvent("warn", "event_loop.stalled", { maxMs });
    loop.reset();
  }, 1_000).unref();

  server.listen(port, hostname, () => {
    console.log(`Payments Desk is serving on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}${values.dev ? " (development)" : ""}`);
    if (!values.dev) void loadRoutes(server, [webhookPath(PAYMENT_ENDPOINT), webhookPath(CONFIRMATION_ENDPOINT)]);
  });
}

/** Closes every database client the app opened (lib/db.ts registers them), within 5 s. */
async function closeDatabase(): Promise<void> {
  const all = Promise.allSettled(databaseClosers().map((close) => close()));
  await Promise.race([all, new Promise((r) => setTimeout(r, 5_000))]);
}

void main();
