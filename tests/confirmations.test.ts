// The Payment Confirmation Response webhook (resp-pay-confirmation) with resp-pay's guarantees:
// every delivery kept, idempotent, authenticated, a 4xx naming the field on bad input; the
// supplier's answer on the payment whichever arrives first; and the unconfirmed and rejected lists.
// Also the AES wrapper (§4) on both webhooks.
import { afterEach, describe, expect, it } from "vitest";
import { listConfirmationIssues, confirmationsOf } from "@/lib/confirmations/read";
import { prisma } from "@/lib/db";
import { getDelivery } from "@/lib/deliveries/list-deliveries";
import { getPaymentStory } from "@/lib/payments/story";
import { encryptEnvelope } from "@/lib/webhook/aes-envelope";
import { ACCOUNTS } from "./support/account-shapes";
import { fixture, freshPayment, postConfirmation, postWebhook } from "./support/webhook";
import { finance, support } from "./support/viewers";

function confirmationFor(payment: Record<string, any>, overrides: { response?: string; ts?: string; remarks?: string } = {}) {
  const body = fixture("resp-pay-confirmation-accept.json");
  body.paymentConfirmation.objectId = payment.payment.objectId;
  body.resp.reqMsgId = `CNF${payment.resp.reqMsgId}${overrides.response ?? ""}${overrides.ts ?? ""}`;
  if (overrides.response) body.paymentConfirmation.supplierResponse = overrides.response;
  if (overrides.ts) body.paymentConfirmation.ts = overrides.ts;
  if (overrides.remarks !== undefined) body.paymentConfirmation.supplierRemarks = overrides.remarks;
  body.paymentConfirmation.type = "OFFPLATFORM";
  return body;
}

const paymentOf = (objectId: string) => prisma.payment.findUniqueOrThrow({ where: { objectId } });

describe("resp-pay-confirmation", () => {
  it("stores a confirmation once, however often it is delivered, and shows the answer on the payment and in its story", async () => {
    const payment = freshPayment();
    await postWebhook(payment);
    const body = confirmationFor(payment);
    const first = await postConfirmation(body);
    expect(first.status).toBe(200);
    expect(first.body.response_code).toBe(0);
    expect(first.ack.outcome).toBe("accepted");
    const repeats = await Promise.all(Array.from({ length: 8 }, () => postConfirmation(body)));
    expect(repeats.map((r) => r.ack.outcome)).toEqual(Array(8).fill("duplicate"));
    expect(await prisma.paymentConfirmation.count({ where: { objectId: payment.payment.objectId } })).toBe(1);
    const deliveries = await prisma.delivery.findMany({ where: { objectId: payment.payment.objectId, endpoint: "resp-pay-confirmation" } });
    expect(deliveries).toHaveLength(9);
    expect((await paymentOf(payment.payment.objectId)).supplierResponse).toBe("ACCEPT");
    const [shown] = await confirmationsOf(payment.payment.objectId);
    expect(shown).toMatchObject({ response: "ACCEPT", remarks: "Received in full against SGT/2025-26/0412 and 0419", deliveryId: first.ack.deliveryId });
    expect(shown!.invoices[0]).toMatchObject({ supplierInvoiceNumber: "SGT/2025-26/0412", version: "3 → 4", status: "PAID → CLOSED" });
    const story = await getPaymentStory(await paymentOf(payment.payment.objectId));
    expect(story.entries.at(-1)).toMatchObject({ headline: "Supplier accepted the payment", tone: "success" });
    expect(story.entries.at(-1)!.details).toContain("“Received in full against SGT/2025-26/0412 and 0419”");
  });

  it("keeps a confirmation that arrives before its payment, and the payment takes it when it comes", async () => {
    const payment = freshPayment();
    const early = await postConfirmation(confirmationFor(payment, { response: "REJECT", remarks: "Amount short by 2,000" }));
    expect(early.status).toBe(200);
    expect(early.body.response_message).toContain("accepted");
    await postWebhook(payment);
    expect((await paymentOf(payment.payment.objectId)).supplierResponse).toBe("REJECT");
  });

  it("shows the newest answer by EnKash's time, whichever order they arrive in", async () => {
    const payment = freshPayment();
    await postWebhook(payment);
    await postConfirmation(confirmationFor(payment, { response: "REJECT", ts: "2025-07-15T10:00:00+05:30" }));
    await postConfirmation(confirmationFor(payment, { response: "ACCEPT", ts: "2025-07-14T10:00:00+05:30" }));
    expect((await paymentOf(payment.payment.objectId)).supplierResponse).toBe("REJECT");
    await postConfirmation(confirmationFor(payment, { response: "ACCEPT", ts: "2025-07-16T10:00:00+05:30" }));
    expect((await paymentOf(payment.payment.objectId)).supplierResponse).toBe("ACCEPT");
  });

  it("answers 4xx naming the field on bad input, and keeps every refused delivery", async () => {
    const payment = freshPayment();
    const missing = confirmationFor(payment);
    delete missing.paymentConfirmation.supplierResponse;
    const cases: [string | object, number, string][] = [
      [missing, 422, "paymentConfirmation.supplierResponse"],
      [{ ...confirmationFor(payment), resp: { result: "SUCCESS" } }, 422, "resp.reqMsgId"],
      ["{not json", 400, "not valid JSON"],
      [[1, 2], 422, "expected object, received an array"],
    ];
    for (const [body, status, says] of cases) {
      const answer = await postConfirmation(body);
      expect(answer.status, says).toBe(status);
      expect(answer.body.response_message, says).toContain(says);
      const kept = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
      expect(kept).toMatchObject({ endpoint: "resp-pay-confirmation", outcome: "rejected", httpStatus: status });
    }
    const unauthenticated = await postConfirmation(confirmationFor(payment), { "x-webhook-secret": "wrong-secret-value-000000" });
    expect(unauthenticated.status).toBe(401);
    expect(await prisma.paymentConfirmation.count({ where: { objectId: payment.payment.objectId } })).toBe(0);
  });

  it("keeps a confirmation's identifiers readable where it is stored and where its delivery is shown", async () => {
    const payment = freshPayment();
    const body = confirmationFor(payment);
    // Ten digits in an identifier: free text would be masked, an identifier of this webhook is not.
    body.paymentConfirmation.invoiceInfos[0].supplierInvoiceNumber = "SGT/1234567890";
    const answer = await postConfirmation(body);
    const kept = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(kept.rawBody).toContain("SGT/1234567890");
    const shown = await getDelivery(finance, answer.ack.deliveryId!);
    expect(shown!.raw!.body).toContain("SGT/1234567890");
  });

  it("stores and flags what the page types more tightly: an unknown answer, a REJECT on platform", async () => {
    const payment = freshPayment();
    const odd = confirmationFor(payment, { response: "MAYBE" });
    odd.paymentConfirmation.type = "ONPLATFORM";
    const rejectOn = confirmationFor(payment, { response: "REJECT" });
    rejectOn.paymentConfirmation.type = "ONPLATFORM";
    expect((await postConfirmation(odd)).status).toBe(200);
    expect((await postConfirmation(rejectOn)).status).toBe(200);
    const codes = (await confirmationsOf(payment.payment.objectId)).flatMap((c) => c.warnings.map((w) => w.code)).sort();
    expect(codes).toEqual(["reject-on-platform", "response-unknown"]);
  });

  it("lists settled payments still unconfirmed after the configured hours, and rejected ones", async () => {
    const old = freshPayment(undefined, { ts: "2025-01-10T10:00:00+05:30" });
    const rejected = freshPayment(undefined, { ts: "2025-01-11T10:00:00+05:30" });
    await postWebhook(old);
    await postWebhook(rejected);
    await postConfirmation(confirmationFor(rejected, { response: "REJECT", remarks: "Not our invoice" }));
    const now = new Date("2025-01-14T10:00:00+05:30");
    const unconfirmed = await listConfirmationIssues(finance, { view: "unconfirmed" }, now);
    expect(unconfirmed.payments.map((p) => p.objectId)).toContain(old.payment.objectId);
    expect(unconfirmed.payments.map((p) => p.objectId)).not.toContain(rejected.payment.objectId);
    // Not due yet 72 hours after it occurred minus a minute.
    const early = await listConfirmationIssues(finance, { view: "unconfirmed" }, new Date("2025-01-13T09:59:00+05:30"));
    expect(early.payments.map((p) => p.objectId)).not.toContain(old.payment.objectId);
    const rejections = await listConfirmationIssues(finance, { view: "rejected" }, now);
    expect(rejections.payments.find((p) => p.objectId === rejected.payment.objectId)).toMatchObject({ remarks: "Not our invoice" });
    await expect(listConfirmationIssues(support, { view: "rejected" })).rejects.toThrow();
  });
});

describe("AES-wrapped bodies (§4)", () => {
  const KEY = "enkash-client-secret-key-for-tests";
  afterEach(() => {
    delete process.env.WEBHOOK_AES_KEY;
  });

  it("decrypts with the configured key, keeps the ciphertext as received and the decrypted body masked", async () => {
    process.env.WEBHOOK_AES_KEY = KEY;
    const payment = freshPayment();
    const [account] = ACCOUNTS;
    payment.payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber = account;
    const wrapped = encryptEnvelope(JSON.stringify(payment), KEY);
    const answer = await postWebhook(wrapped);
    expect(answer.status, answer.body.response_message).toBe(200);
    const kept = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(kept.rawBody).toBe(wrapped);
    expect(kept.rawEncoding).toBe("utf8+aes");
    expect(kept.decryptedBody).toContain(payment.payment.objectId);
    expect(kept.decryptedBody).toContain(`XXXXXXXXXX${account.slice(-4)}`);
    expect(kept.decryptedBody).not.toContain(account.slice(0, 8));
    const stored = await paymentOf(payment.payment.objectId);
    expect(stored.utr).toBe(payment.payment.utr);
    // The confirmation webhook reads the wrapper too; a repeat is a duplicate like any other.
    const confirmation = encryptEnvelope(JSON.stringify(confirmationFor(payment)), KEY);
    expect((await postConfirmation(confirmation)).ack.outcome).toBe("accepted");
    expect((await postConfirmation(confirmation)).ack.outcome).toBe("duplicate");
    expect((await paymentOf(payment.payment.objectId)).supplierResponse).toBe("ACCEPT");
  });

  it("refuses a bad ciphertext, a wrong key and an unconfigured key with a 4xx, and keeps the delivery", async () => {
    const payment = freshPayment();
    const wrongKey = encryptEnvelope(JSON.stringify(payment), "some-other-secret-key");
    const cases: [string | undefined, string, string][] = [
      [KEY, JSON.stringify({ request: "not base64!" }), "not Base64"],
      [KEY, JSON.stringify({ request: "QUJD" }), "not a whole number of AES blocks"],
      [KEY, wrongKey, "does not decrypt"],
      [undefined, encryptEnvelope(JSON.stringify(payment), KEY), "WEBHOOK_AES_KEY is not set"],
    ];
    for (const [key, body, says] of cases) {
      if (key) process.env.WEBHOOK_AES_KEY = key;
      else delete process.env.WEBHOOK_AES_KEY;
      const answer = await postWebhook(body);
      expect(answer.status, says).toBe(400);
      expect(answer.body.response_message, says).toContain(says);
      const kept = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
      expect(kept.outcome).toBe("rejected");
      expect(kept.rawBody.length).toBeGreaterThan(0);
    }
    expect(await prisma.payment.count({ where: { objectId: payment.payment.objectId } })).toBe(0);
  });
});
