import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { freshPayment, postWebhook } from "./support/webhook";

afterEach(() => {
  for (const key of ["WEBHOOK_SECRET", "WEBHOOK_SECRET_HEADER", "WEBHOOK_ALLOWED_IPS", "TRUSTED_PROXY_HOPS", "WEBHOOK_STRICT"]) delete process.env[key];
});

describe("shared-secret authentication", () => {
  it("accepts any caller when WEBHOOK_SECRET is unset", async () => {
    expect((await postWebhook(freshPayment())).status).toBe(200);
  });

  it("requires the secret header when WEBHOOK_SECRET is set, and keeps refused deliveries", async () => {
    process.env.WEBHOOK_SECRET = "s3cret-value";
    const body = freshPayment();
    const missing = await postWebhook(body);
    expect(missing.status).toBe(401);
    expect(missing.body.response_code).toBe(1);
    const wrong = await postWebhook(body, { "X-Webhook-Secret": "s3cret-valuf" });
    expect(wrong.status).toBe(401);
    expect(await prisma.payment.count({ where: { objectId: body.payment.objectId } })).toBe(0);

    const refused = await prisma.delivery.findUniqueOrThrow({ where: { id: wrong.ack.deliveryId! } });
    expect(refused).toMatchObject({ outcome: "rejected", httpStatus: 401 });
    expect(refused.rawBody).toContain(body.payment.objectId);
    expect(refused.headers).not.toContain("s3cret");

    const right = await postWebhook(body, { "X-Webhook-Secret": "s3cret-value" });
    expect(right.status).toBe(200);
    const stored = await prisma.delivery.findUniqueOrThrow({ where: { id: right.ack.deliveryId! } });
    expect(stored.headers).not.toContain("s3cret");
    expect(JSON.parse(stored.headers)).toMatchObject({ "x-webhook-secret": "(present, not stored)" });
  });

  it("refuses a hostile unauthenticated body (deep nesting) with 401, never a 500", async () => {
    process.env.WEBHOOK_SECRET = "abc";
    const hostile = `{"maskedAccountNumber":"123456789012","x":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    const answer = await postWebhook(hostile);
    expect(answer.status).toBe(401);
    const kept = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(kept.rawBody).not.toContain("123456789012");
  });

  it("reads the secret from a configurable header name", async () => {
    process.env.WEBHOOK_SECRET = "abc";
    process.env.WEBHOOK_SECRET_HEADER = "X-EnKash-Token";
    expect((await postWebhook(freshPayment(), { "X-Webhook-Secret": "abc" })).status).toBe(401);
    expect((await postWebhook(freshPayment(), { "x-enkash-token": "abc" })).status).toBe(200);
  });
});

describe("source-IP allow-list", () => {
  it("refuses callers outside WEBHOOK_ALLOWED_IPS with 403", async () => {
    process.env.WEBHOOK_ALLOWED_IPS = "198.51.100.0/24, 192.0.2.10";
    expect((await postWebhook(freshPayment(), { "x-forwarded-for": "203.0.113.7" })).status).toBe(403);
    expect((await postWebhook(freshPayment(), { "x-forwarded-for": "198.51.100.42" })).status).toBe(200);
    expect((await postWebhook(freshPayment(), { "x-forwarded-for": "192.0.2.10" })).status).toBe(200);
  });

  it("behind a trusted proxy, uses the address the proxy saw, not one the caller forged", async () => {
    process.env.WEBHOOK_ALLOWED_IPS = "198.51.100.42";
    process.env.TRUSTED_PROXY_HOPS = "1";
    expect((await postWebhook(freshPayment(), { "x-forwarded-for": "198.51.100.42, 203.0.113.9" })).status).toBe(403);
    expect((await postWebhook(freshPayment(), { "x-forwarded-for": "203.0.113.9, 198.51.100.42" })).status).toBe(200);
  });
});

describe("account numbers", () => {
  it("stores and keeps raw only the last four digits of an unmasked account number", async () => {
    const body = freshPayment();
    body.payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber = "50100123457305";
    const answer = await postWebhook(body);
    expect(answer.status).toBe(200);
    const invoice = await prisma.invoicePayInfo.findFirstOrThrow({ where: { payment: { objectId: body.payment.objectId }, position: 0 } });
    expect(invoice.maskedAccountNumber).toBe("XXXXXXXXXX7305");
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(delivery.rawBody).not.toContain("50100123457305");
    expect(delivery.rawBody).toContain('"maskedAccountNumber":"XXXXXXXXXX7305"');
    expect(delivery.rawMasked).toBe(true);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId } });
    expect(payment.warnings).toContain("account-masked");
  });

  it("masks account numbers hidden behind \\u escapes and in rejected bodies", async () => {
    const body = freshPayment();
    body.payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber = "501001234573";
    const escaped = JSON.stringify(body).replace('"501001234573"', '"\\u0035\\u00301001234573"');
    const accepted = await postWebhook(escaped);
    const kept = await prisma.delivery.findUniqueOrThrow({ where: { id: accepted.ack.deliveryId! } });
    expect(JSON.parse(kept.rawBody).payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber).toBe("XXXXXXXX4573");

    const truncated = JSON.stringify(body).slice(0, JSON.stringify(body).indexOf("501001234573") + 40);
    const rejected = await postWebhook(truncated);
    expect(rejected.status).toBe(400);
    const refused = await prisma.delivery.findUniqueOrThrow({ where: { id: rejected.ack.deliveryId! } });
    expect(refused.rawBody).not.toContain("501001234573");
    expect(refused.rawBody).toContain("XXXXXXXX4573");
  });
});

describe("strict mode", () => {
  it("flags sibling-documented violations by default and rejects them when WEBHOOK_STRICT is on", async () => {
    const body = freshPayment();
    body.payment.mode = "RTGS";
    const flagged = await postWebhook(body);
    expect(flagged.status).toBe(200);
    expect((await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId } })).warnings).toContain("mode-unknown");

    process.env.WEBHOOK_STRICT = "true";
    const other = freshPayment();
    other.payment.mode = "RTGS";
    const rejected = await postWebhook(other);
    expect(rejected.status).toBe(422);
    expect(rejected.ack.errors?.map((e) => e.path)).toEqual(["payment.mode"]);
    // Inferred checks never reject, even in strict mode.
    const inferred = freshPayment();
    inferred.payment.paymentAmount.totalAmount = 177000.005;
    expect((await postWebhook(inferred)).status).toBe(200);
  });

  it("keeps an amount with more than two decimals exactly in the raw delivery and flags it", async () => {
    const body = freshPayment();
    const text = JSON.stringify(body).replace('"totalAmount":177000', '"totalAmount":177000.005');
    const answer = await postWebhook(text);
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! }, include: { payment: true } });
    expect(delivery.rawBody).toContain('"totalAmount":177000.005');
    expect(delivery.payment?.totalPaise).toBe(17700001n);
    expect(delivery.payment?.warnings).toContain("sub-paise");
  });
});
