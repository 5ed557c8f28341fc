// Slow and abusive senders (README → Limits): the body must arrive within WEBHOOK_BODY_TIMEOUT_MS
// (408, the delivery kept), and refused callers get at most WEBHOOK_MAX_REFUSED_UPLOADS bodies read
// at once (429 beyond, also kept). Through the real route, with bodies that trickle in.
import { afterEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v0/payment/resp-pay/route";
import { prisma } from "@/lib/db";
import { CLIENT_IP_HEADER } from "@/lib/request-context";
import { freshPayment, TEST_SECRET } from "./support/webhook";

afterEach(() => {
  delete process.env.WEBHOOK_BODY_TIMEOUT_MS;
  delete process.env.WEBHOOK_MAX_REFUSED_UPLOADS;
});

/** A request whose body sends `first` bytes and then nothing more until `finish()` (or ever). */
function trickling(headers: Record<string, string>, first: string) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(new TextEncoder().encode(first));
    },
  });
  const request = new Request("http://localhost/api/v0/payment/resp-pay", {
    method: "POST",
    headers: { "content-type": "application/json", [CLIENT_IP_HEADER]: "198.51.100.23", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, send: (more: string) => controller.enqueue(new TextEncoder().encode(more)), finish: () => controller.close() };
}

async function answered(response: Response) {
  const json = (await response.json()) as { payload: string; response_message: string };
  return { status: response.status, message: json.response_message, ack: JSON.parse(json.payload) as { deliveryId: number | null } };
}

describe("slow senders", () => {
  it("answers 408 when the body does not arrive in time, keeps the delivery, and frees the request", async () => {
    process.env.WEBHOOK_BODY_TIMEOUT_MS = "300";
    const text = JSON.stringify(freshPayment());
    const { request } = trickling({ "x-webhook-secret": TEST_SECRET }, text.slice(0, 100));
    const started = performance.now();
    const answer = await answered(await POST(request));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(answer.status).toBe(408);
    expect(answer.message).toMatch(/WEBHOOK_BODY_TIMEOUT_MS/);
    const row = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(row).toMatchObject({ httpStatus: 408, outcome: "rejected", bodyBytes: 100, auth: "secret" });
  });

  it("stores a body that arrives in pieces within the time", async () => {
    process.env.WEBHOOK_BODY_TIMEOUT_MS = "2000";
    const body = freshPayment();
    const text = JSON.stringify(body);
    const { request, send, finish } = trickling({ "x-webhook-secret": TEST_SECRET }, text.slice(0, 100));
    const pending = POST(request);
    // The rest arrives later, in two pieces, within the deadline.
    await new Promise((r) => setTimeout(r, 200));
    send(text.slice(100, 500));
    await new Promise((r) => setTimeout(r, 200));
    send(text.slice(500));
    finish();
    const answer = await answered(await pending);
    expect(answer.status).toBe(200);
    expect(await prisma.payment.count({ where: { objectId: body.payment.objectId } })).toBe(1);
  });

  it("reads at most WEBHOOK_MAX_REFUSED_UPLOADS refused bodies at once; the next caller gets 429 at once", async () => {
    process.env.WEBHOOK_MAX_REFUSED_UPLOADS = "3";
    process.env.WEBHOOK_BODY_TIMEOUT_MS = "1500";
    const slow = Array.from({ length: 3 }, () => trickling({ "x-webhook-secret": "wrong-secret-0123456789" }, "{"));
    const pending = slow.map((s) => POST(s.request));
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    const extra = await answered(await POST(trickling({ "x-webhook-secret": "wrong-secret-0123456789" }, "{").request));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(extra.status).toBe(429);
    expect(extra.message).toMatch(/WEBHOOK_MAX_REFUSED_UPLOADS/);
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: extra.ack.deliveryId! } })).toMatchObject({ httpStatus: 429, auth: "refused" });
    // The slow ones end at the deadline, still refused for their secret, and free their slots.
    const ended = await Promise.all(pending.map(async (p) => answered(await p)));
    expect(ended.map((a) => a.status)).toEqual([401, 401, 401]);
    for (const a of ended) expect(a.message).toMatch(/WEBHOOK_BODY_TIMEOUT_MS/);
    const after = trickling({ "x-webhook-secret": "wrong-secret-0123456789" }, "{}");
    after.finish();
    expect((await answered(await POST(after.request))).status).toBe(401);
  });
});
