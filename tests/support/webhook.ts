// Drives the real route handler with real Requests, as Next would.
import { readFileSync } from "node:fs";
import path from "node:path";
import { POST } from "@/app/api/v0/payment/resp-pay/route";
import { POST as POST_CONFIRMATION } from "@/app/api/v0/payment/resp-pay-confirmation/route";
import { CLIENT_IP_HEADER } from "@/lib/request-context";

export const EXAMPLES = [
  "resp-pay-success-two-invoices-neft.json",
  "resp-pay-failure-imps.json",
  "resp-pay-minimal-upi.json",
] as const;

export function fixtureText(name: string): string {
  return readFileSync(path.resolve(import.meta.dirname, "../fixtures/enkash", name), "utf8");
}

export function fixture(name: string): Record<string, any> {
  return JSON.parse(fixtureText(name));
}

export interface WebhookAnswer {
  status: number;
  body: { payload: string; response_code: number; response_message: string };
  ack: { deliveryId: number | null; reqMsgId: string | null; outcome: string; errors?: { path: string; message: string }[] };
}

export const TEST_SECRET = "test-webhook-secret-0123456789";

/**
 * Posts like EnKash through the app's server: with the shared secret, and the caller's address in
 * the header scripts/serve.ts sets. A header given as null is left out.
 */
export function postWebhook(body: string | object | Uint8Array<ArrayBuffer>, headers: Record<string, string | null> = {}): Promise<WebhookAnswer> {
  return postTo(POST, "resp-pay", body, headers);
}

/**
 * Posts every body, `inFlight` at a time, as EnKash's many connections would: their waits for the
 * database overlap (the group writer's shared commits, the per-delivery path's transactions), so
 * seeding a file's data takes about half as long as one body after another. Answers in the bodies' order.
 */
export async function postEach(bodies: (string | object)[], inFlight = 16): Promise<WebhookAnswer[]> {
  const answers: WebhookAnswer[] = new Array(bodies.length);
  let next = 0;
  const sender = async () => {
    for (let i = next++; i < bodies.length; i = next++) answers[i] = await postWebhook(bodies[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, bodies.length) }, sender));
  return answers;
}

/** The same, to the Payment Confirmation Response webhook. */
export function postConfirmation(body: string | object | Uint8Array<ArrayBuffer>, headers: Record<string, string | null> = {}): Promise<WebhookAnswer> {
  return postTo(POST_CONFIRMATION, "resp-pay-confirmation", body, headers);
}

async function postTo(
  handler: (request: Request) => Promise<Response>,
  path: string,
  body: string | object | Uint8Array<ArrayBuffer>,
  headers: Record<string, string | null>,
): Promise<WebhookAnswer> {
  const payload = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
  const all = new Headers({ "content-type": "application/json", [CLIENT_IP_HEADER]: "203.0.113.7", "x-webhook-secret": process.env.WEBHOOK_SECRET ?? TEST_SECRET });
  for (const [name, value] of Object.entries(headers)) {
    if (value === null) all.delete(name);
    else all.set(name, value);
  }
  const request = new Request(`http://localhost/api/v0/payment/${path}`, { method: "POST", headers: all, body: payload });
  const response = await handler(request);
  const json = (await response.json()) as WebhookAnswer["body"];
  return { status: response.status, body: json, ack: JSON.parse(json.payload) };
}

/** A copy of an example with fresh ids, so tests in one file never collide. */
let counter = 0;
export function freshPayment(name: string = EXAMPLES[0], overrides: { ts?: string } = {}): Record<string, any> {
  const body = fixture(name);
  counter += 1;
  const tag = `${Date.now().toString(36)}${counter.toString(36)}`.toUpperCase().padStart(12, "0").slice(-12);
  body.payment.objectId = `PMT${"T".repeat(20)}${tag}`;
  body.resp.reqMsgId = `REQ${tag}`;
  body.payment.utr = `UTR${tag}`;
  if (overrides.ts) body.payment.ts = overrides.ts;
  return body;
}

/**
 * Paise of an amount as the fixture writes it, computed from its decimal text rather than by
 * float arithmetic (Math.round(x * 100) is what the code under test must not do).
 */
export function exactPaise(rupees: number): bigint {
  const text = String(rupees);
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new Error(`fixture amount ${text} is not plain rupees and paise`);
  const [, sign, whole = "0", fraction = ""] = match;
  const paise = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
  return sign ? -paise : paise;
}
