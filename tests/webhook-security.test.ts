import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { arrivedOverHttps, resolveClientIp } from "@/lib/request-context";
import { rotateWebhookSecret, webhookSecrets } from "@/lib/secrets";
import { freshPayment, postWebhook, TEST_SECRET } from "./support/webhook";

const VARIABLES = ["WEBHOOK_SECRET_HEADER", "WEBHOOK_ALLOWED_IPS", "WEBHOOK_STRICT", "WEBHOOK_AUTH", "WEBHOOK_REFUSED_PER_MINUTE", "WEBHOOK_REFUSED_BODIES_PER_HOUR"];
afterEach(() => {
  process.env.WEBHOOK_SECRET = TEST_SECRET;
  for (const key of VARIABLES) delete process.env[key];
});

const noSecret = { "x-webhook-secret": null };
const deliveryOf = (id: number | null) => prisma.delivery.findUniqueOrThrow({ where: { id: id! } });

describe("webhook authentication, secure by default", () => {
  it("with no WEBHOOK_SECRET, generates a strong secret once, stores it, and requires it", async () => {
    delete process.env.WEBHOOK_SECRET;
    const refused = await postWebhook(freshPayment(), noSecret);
    expect(refused.status).toBe(401);
    const { current, source } = await webhookSecrets();
    expect(source).toBe("generated");
    expect(current.length).toBeGreaterThanOrEqual(40);
    expect((await webhookSecrets()).current).toBe(current);
    expect(await prisma.appSetting.count({ where: { key: "webhook.secret" } })).toBe(1);
    expect((await postWebhook(freshPayment(), { "x-webhook-secret": "guess" })).status).toBe(401);
    const accepted = await postWebhook(freshPayment(), { "x-webhook-secret": current });
    expect(accepted.status).toBe(200);
    expect((await deliveryOf(accepted.ack.deliveryId)).auth).toBe("secret");
    expect((await deliveryOf(refused.ack.deliveryId)).auth).toBe("refused");
  });

  it("a rotation accepts the old and the new secret during the grace period, then only the new", async () => {
    delete process.env.WEBHOOK_SECRET;
    const before = (await webhookSecrets()).current;
    const after = (await rotateWebhookSecret(24)).current;
    expect(after).not.toBe(before);
    const old = await postWebhook(freshPayment(), { "x-webhook-secret": before });
    expect(old.status).toBe(200);
    expect((await deliveryOf(old.ack.deliveryId)).auth).toBe("previous-secret");
    const fresh = await postWebhook(freshPayment(), { "x-webhook-secret": after });
    expect((await deliveryOf(fresh.ack.deliveryId)).auth).toBe("secret");

    const third = (await rotateWebhookSecret(0)).current; // no grace: the one before stops at once
    expect((await postWebhook(freshPayment(), { "x-webhook-secret": after })).status).toBe(401);
    expect((await postWebhook(freshPayment(), { "x-webhook-secret": before })).status).toBe(401);
    expect((await postWebhook(freshPayment(), { "x-webhook-secret": third })).status).toBe(200);
  });

  it("requires the secret from WEBHOOK_SECRET when it is set, and never stores it", async () => {
    process.env.WEBHOOK_SECRET = "s3cret-value-of-sixteen+";
    const body = freshPayment();
    const missing = await postWebhook(body, noSecret);
    expect(missing.status).toBe(401);
    expect(missing.body.response_code).toBe(1);
    const wrong = await postWebhook(body, { "X-Webhook-Secret": "s3cret-value-of-sixteen-" });
    expect(wrong.status).toBe(401);
    expect(await prisma.payment.count({ where: { objectId: body.payment.objectId } })).toBe(0);

    const refused = await deliveryOf(wrong.ack.deliveryId);
    expect(refused).toMatchObject({ outcome: "rejected", httpStatus: 401, auth: "refused" });
    expect(refused.rawBody).toContain(body.payment.objectId);
    expect(refused.headers).not.toContain("s3cret");

    const right = await postWebhook(body, { "X-Webhook-Secret": "s3cret-value-of-sixteen+" });
    expect(right.status).toBe(200);
    const stored = await deliveryOf(right.ack.deliveryId);
    expect(stored.headers).not.toContain("s3cret");
    expect(JSON.parse(stored.headers)).toMatchObject({ "x-webhook-secret": "(present, not stored)" });
  });

  it("WEBHOOK_AUTH=off is the only way in without a secret: recorded as such, JSON only", async () => {
    process.env.WEBHOOK_AUTH = "off";
    const open = await postWebhook(freshPayment(), noSecret);
    expect(open.status).toBe(200);
    expect((await deliveryOf(open.ack.deliveryId)).auth).toBe("off");
    // A cross-site page can post text/plain without a preflight: refused while nothing authenticates.
    const plain = await postWebhook(JSON.stringify(freshPayment()), { ...noSecret, "content-type": "text/plain" });
    expect(plain.status).toBe(415);
    expect(await deliveryOf(plain.ack.deliveryId)).toMatchObject({ outcome: "rejected", httpStatus: 415, auth: "off" });
  });

  it("refuses a hostile unauthenticated body (deep nesting) with 401, never a 500", async () => {
    const hostile = `{"maskedAccountNumber":"123456789012","x":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    const answer = await postWebhook(hostile, noSecret);
    expect(answer.status).toBe(401);
    const kept = await deliveryOf(answer.ack.deliveryId);
    expect(kept.rawBody).not.toContain("123456789012");
  });

  it("reads the secret from a configurable header name", async () => {
    process.env.WEBHOOK_SECRET_HEADER = "X-EnKash-Token";
    expect((await postWebhook(freshPayment())).status).toBe(401);
    expect((await postWebhook(freshPayment(), { "x-enkash-token": TEST_SECRET })).status).toBe(200);
  });
});

describe("refused deliveries cannot fill the disk", () => {
  it("are answered 429 beyond the per-minute limit from one address, and not stored; others are unaffected", async () => {
    process.env.WEBHOOK_REFUSED_PER_MINUTE = "3";
    const from = (ip: string, headers: Record<string, string | null> = noSecret) => postWebhook(freshPayment(), { ...headers, "x-payments-desk-client-ip": ip });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await from("192.0.2.66")).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(await prisma.delivery.count({ where: { sourceIp: "192.0.2.66" } })).toBe(3);
    expect((await from("192.0.2.67")).status).toBe(401);
    // EnKash, authenticated, from the same address: never limited.
    expect((await from("192.0.2.66", {})).status).toBe(200);
  });

  it("keep their body only up to the hourly share of their address", async () => {
    process.env.WEBHOOK_REFUSED_BODIES_PER_HOUR = "2";
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await postWebhook(freshPayment(), { ...noSecret, "x-payments-desk-client-ip": "192.0.2.77" })).ack.deliveryId!);
    const rows = await prisma.delivery.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.rawBody.length > 0)).toEqual([true, true, false, false]);
    expect(rows.every((r) => r.bodyBytes > 1000)).toBe(true);
    expect(rows[3]!.reason).toMatch(/body not kept/);
  });
});

describe("source-IP allow-list", () => {
  it("refuses callers outside WEBHOOK_ALLOWED_IPS with 403, and records the address it checked", async () => {
    process.env.WEBHOOK_ALLOWED_IPS = "198.51.100.0/24, 192.0.2.10";
    const outside = await postWebhook(freshPayment(), { "x-payments-desk-client-ip": "203.0.113.7" });
    expect(outside.status).toBe(403);
    expect((await deliveryOf(outside.ack.deliveryId)).sourceIp).toBe("203.0.113.7");
    expect((await postWebhook(freshPayment(), { "x-payments-desk-client-ip": "198.51.100.42" })).status).toBe(200);
    expect((await postWebhook(freshPayment(), { "x-payments-desk-client-ip": "192.0.2.10" })).status).toBe(200);
  });

  it("is not fooled by an X-Forwarded-For the caller wrote", async () => {
    process.env.WEBHOOK_ALLOWED_IPS = "198.51.100.42";
    const forged = await postWebhook(freshPayment(), { "x-payments-desk-client-ip": "203.0.113.9", "x-forwarded-for": "198.51.100.42" });
    expect(forged.status).toBe(403);
    // Outside the app's own server nobody vouches for the address: no address, no entry.
    expect((await postWebhook(freshPayment(), { "x-payments-desk-client-ip": null, "x-forwarded-for": "198.51.100.42" })).status).toBe(403);
  });

  it("takes the caller from the socket with no proxy, and from the proxies' own entries behind them", () => {
    expect(resolveClientIp("203.0.113.9", "198.51.100.42", 0)).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:203.0.113.9", undefined, 0)).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.2", "198.51.100.42, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.2", "198.51.100.42, 203.0.113.9, 10.0.0.1", 2)).toBe("203.0.113.9");
    expect(resolveClientIp("10.0.0.2", "", 1)).toBeNull();
  });

  it("sends HSTS only for requests that arrived over HTTPS (a TLS socket, or as our own proxy says)", () => {
    expect(arrivedOverHttps(true, undefined, 0)).toBe(true);
    expect(arrivedOverHttps(false, "https", 0)).toBe(false); // a client's own header, no proxy of ours
    expect(arrivedOverHttps(false, "https", 1)).toBe(true);
    expect(arrivedOverHttps(false, "https, http", 1)).toBe(false);
    expect(arrivedOverHttps(false, "https, http", 2)).toBe(true);
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
