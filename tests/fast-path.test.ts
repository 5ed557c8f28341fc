// The webhooks' short way in (lib/webhook/fast-path.ts): the app's server hands a webhook's POST
// straight to the handler its route offered. Through a real HTTP server on the Node request, every
// answer must be the one the route gives through Next (tests/support/webhook.ts posts there), with
// the same delivery kept, and the same bounds on size and time.
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { CLIENT_IP_HEADER, endRequestBody } from "@/lib/request-context";
import securityHeaders from "@/lib/security-headers.json";
import { fastRouteFor, serveFast } from "@/lib/webhook/fast-path";
import { EXAMPLES, freshPayment, postConfirmation, postWebhook, TEST_SECRET, type WebhookAnswer } from "./support/webhook";

let server: http.Server;
let base: string;
let port: number;

beforeAll(async () => {
  // The routes offered their handlers as tests/support/webhook.ts imported them.
  server = http.createServer((req, res) => {
    const handler = fastRouteFor(req.method, req.url);
    if (!handler) return void res.writeHead(404).end("not a fast route");
    void serveFast(handler, req, res, () => endRequestBody(req));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  delete process.env.WEBHOOK_MAX_BODY_BYTES;
  delete process.env.WEBHOOK_BODY_TIMEOUT_MS;
});

interface FastAnswer extends WebhookAnswer {
  headers: Headers;
}

async function postFast(body: string | object | Uint8Array<ArrayBuffer>, headers: Record<string, string | null> = {}, endpoint = "resp-pay"): Promise<FastAnswer> {
  const all: Record<string, string> = { "content-type": "application/json", [CLIENT_IP_HEADER]: "203.0.113.7", "x-webhook-secret": TEST_SECRET };
  for (const [name, value] of Object.entries(headers)) {
    if (value === null) delete all[name];
    else all[name] = value;
  }
  const payload = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
  const response = await fetch(`${base}/api/v0/payment/${endpoint}`, { method: "POST", headers: all, body: payload });
  const json = (await response.json()) as WebhookAnswer["body"];
  return { status: response.status, body: json, ack: JSON.parse(json.payload), headers: response.headers };
}

/** What must be the same both ways: everything but the delivery's id. */
const comparable = (a: WebhookAnswer) => ({
  status: a.status,
  code: a.body.response_code,
  message: a.body.response_message,
  outcome: a.ack.outcome,
  reqMsgId: a.ack.reqMsgId,
  errors: a.ack.errors,
  kept: a.ack.deliveryId !== null,
});

/** A delivery row as kept, without what differs between two deliveries of the same body. */
async function keptDelivery(id: number | null) {
  const row = await prisma.delivery.findUniqueOrThrow({ where: { id: id! } });
  return { ...row, id: null, receivedAt: null, paymentId: null };
}

describe("the webhooks' short way in", () => {
  it("serves only the webhooks' POSTs, with or without a query string", () => {
    for (const endpoint of ["resp-pay", "resp-pay-confirmation"]) {
      expect(fastRouteFor("POST", `/api/v0/payment/${endpoint}`)).toBeTypeOf("function");
      expect(fastRouteFor("POST", `/api/v0/payment/${endpoint}?source=enkash`)).toBeTypeOf("function");
      expect(fastRouteFor("GET", `/api/v0/payment/${endpoint}`)).toBeUndefined();
      expect(fastRouteFor("HEAD", `/api/v0/payment/${endpoint}`)).toBeUndefined();
      // Next's own answers (its redirect of a trailing slash, its decoding of a path) stay Next's.
      expect(fastRouteFor("POST", `/api/v0/payment/${endpoint}/`)).toBeUndefined();
    }
    expect(fastRouteFor("POST", "/api/v0/payment/resp%2Dpay")).toBeUndefined();
    expect(fastRouteFor("POST", "/payments")).toBeUndefined();
    expect(fastRouteFor("POST", "/api/bench/echo")).toBeUndefined();
  });

  it("stores each example and answers as the route does, with every response's security headers", async () => {
    for (const name of EXAMPLES) {
      const viaRoute = await postWebhook(freshPayment(name));
      const body = freshPayment(name);
      const fast = await postFast(body);
      expect(comparable({ ...fast, ack: { ...fast.ack, reqMsgId: viaRoute.ack.reqMsgId } })).toEqual(comparable(viaRoute));
      expect(fast.status, name).toBe(200);
      const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId }, include: { invoices: true } });
      expect(payment.invoices).toHaveLength(body.payment.invoicesPayInfos.length);
      for (const { key, value } of securityHeaders) expect(fast.headers.get(key), key).toBe(value);
      expect(fast.headers.get("content-type")).toBe("application/json");
      // A repeat is a duplicate, as through the route.
      expect((await postFast(body)).ack.outcome).toBe("duplicate");
    }
  });

  it("refuses and keeps bad deliveries exactly as the route does", async () => {
    const fresh = () => freshPayment();
    const cases: { name: string; body: () => string | object | Uint8Array<ArrayBuffer>; headers?: Record<string, string | null> }[] = [
      { name: "not JSON", body: () => "{not json" },
      { name: "a field missing", body: () => ({ ...fresh(), payment: undefined }) },
      { name: "a wrong type", body: () => ({ ...fresh(), resp: { ...fresh().resp, reqMsgId: 42 } }) },
      { name: "no secret", body: fresh, headers: { "x-webhook-secret": null } },
      { name: "a wrong secret", body: fresh, headers: { "x-webhook-secret": "not-the-secret-0123456789" } },
      { name: "gzip", body: () => new Uint8Array(gzipSync(JSON.stringify(fresh()))), headers: { "content-encoding": "gzip" } },
    ];
    for (const { name, body, headers } of cases) {
      const viaRoute = await postWebhook(body(), headers);
      const fast = await postFast(body(), headers);
      expect(comparable(fast), name).toEqual({ ...comparable(viaRoute), reqMsgId: fast.ack.reqMsgId, message: fast.body.response_message });
      expect(fast.body.response_message.replace(/REQ\w+|PMT\w+|UTR\w+/g, "ID"), name).toBe(viaRoute.body.response_message.replace(/REQ\w+|PMT\w+|UTR\w+/g, "ID"));
      if (viaRoute.status !== 200) {
        const [routeRow, fastRow] = [await keptDelivery(viaRoute.ack.deliveryId), await keptDelivery(fast.ack.deliveryId)];
        // Each body has fresh ids; the headers kept differ only by what a real connection adds (host,
        // content-length, user-agent).
        const same = (row: typeof routeRow) => ({ ...row, rawBody: null, bodyBytes: null, headers: null, reqMsgId: null, objectId: null, utrNormalized: null });
        expect(same(fastRow), name).toEqual(same(routeRow));
        expect(JSON.parse(fastRow.headers), name).toMatchObject(JSON.parse(routeRow.headers));
      }
    }
  });

  it("answers the confirmation webhook too", async () => {
    const viaRoute = await postConfirmation("{}");
    const fast = await postFast("{}", {}, "resp-pay-confirmation");
    expect(comparable(fast)).toEqual(comparable(viaRoute));
    expect(fast.status).toBe(422);
  });

  it("answers 413 for a body over the cap, by its declared length or by what arrives, and keeps the delivery", async () => {
    process.env.WEBHOOK_MAX_BODY_BYTES = "2048";
    const large = JSON.stringify({ ...freshPayment(), padding: "x".repeat(4000) });
    const declared = await postFast(large);
    expect(declared.status).toBe(413);
    expect(await keptDelivery(declared.ack.deliveryId)).toMatchObject({ httpStatus: 413, outcome: "rejected", rawBody: "", bodyBytes: large.length });
    // Sent in chunks, without a length: counted as it arrives, and cut off past the cap.
    const reply = await rawRequest(["POST /api/v0/payment/resp-pay HTTP/1.1", "Host: x", "Transfer-Encoding: chunked", "Content-Type: application/json", `x-webhook-secret: ${TEST_SECRET}`, "", ""].join("\r\n"), (socket) => {
      for (let i = 0; i < 4; i++) socket.write(`400\r\n${"y".repeat(1024)}\r\n`);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 413/);
    const id = JSON.parse(JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4)).payload).deliveryId as number;
    expect((await keptDelivery(id)).bodyBytes).toBeGreaterThan(2048);
  });

  it("answers 408 for a body that does not arrive in time, keeps the delivery, and stays up", async () => {
    process.env.WEBHOOK_BODY_TIMEOUT_MS = "300";
    const text = JSON.stringify(freshPayment());
    const started = performance.now();
    const reply = await rawRequest(
      ["POST /api/v0/payment/resp-pay HTTP/1.1", "Host: x", `Content-Length: ${text.length}`, "Content-Type: application/json", `x-webhook-secret: ${TEST_SECRET}`, "", text.slice(0, 100)].join("\r\n"),
    );
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    const id = JSON.parse(JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4)).payload).deliveryId as number;
    expect(await keptDelivery(id)).toMatchObject({ httpStatus: 408, bodyBytes: 100 });
    expect((await postFast(freshPayment())).status).toBe(200);
  });

  it("survives a sender that disconnects halfway through its body", async () => {
    const text = JSON.stringify(freshPayment());
    await new Promise<void>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.write(["POST /api/v0/payment/resp-pay HTTP/1.1", "Host: x", `Content-Length: ${text.length}`, `x-webhook-secret: ${TEST_SECRET}`, "", text.slice(0, 200)].join("\r\n"));
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on("close", () => resolve());
      socket.on("error", () => undefined);
    });
    expect((await postFast(freshPayment())).status).toBe(200);
  });
});

/** Sends `head` on a raw socket (then `more`), and resolves with everything the server wrote back. */
function rawRequest(head: string, more?: (socket: net.Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let reply = "";
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(head);
      more?.(socket);
    });
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      const end = reply.indexOf("\r\n\r\n");
      const length = /content-length: (\d+)/i.exec(reply)?.[1];
      if (end !== -1 && length && reply.length >= end + 4 + Number(length)) {
        socket.destroy();
        resolve(reply);
      }
    });
    socket.on("error", reject);
    socket.setTimeout(10_000, () => reject(new Error(`no answer: ${reply}`)));
  });
}
