// Big and poisonous payloads (README → Limits, RELIABILITY.md): a realistic body at the size cap
// is stored whole; beyond an item limit the answer is a 422 naming it, and the delivery is kept;
// a payment the database will not store is still recorded as a delivery.
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { databaseKind } from "@/lib/database-url";
import { DEFAULT_LIMITS } from "@/lib/enkash/limits";
import { AccessDeniedError } from "@/lib/auth/access";
import { DISPLAYED_BODY_CHARS, getDelivery, getDeliveryBody } from "@/lib/deliveries/list-deliveries";
import { getPaymentByObjectId } from "@/lib/payments/get-payment";
import { bigPayment } from "./support/big-payment";
import { admin, support } from "./support/viewers";
import { postWebhook } from "./support/webhook";

afterEach(() => {
  delete process.env.WEBHOOK_MAX_BODY_BYTES;
});

async function kept(deliveryId: number | null) {
  expect(deliveryId).not.toBeNull();
  return prisma.delivery.findUniqueOrThrow({ where: { id: deliveryId! } });
}

/** A payment with `count` minimal invoices (objectId only), small enough for many under the cap. */
function minimalInvoices(count: number) {
  const body = bigPayment(1, 0);
  body.payment.invoicesPayInfos = Array.from({ length: count }, (_, i) => ({ objectId: `I${i}` }));
  return body;
}

describe("big payloads", () => {
  it("stores a payment settling 1,000 invoices with two splits each, exactly", async () => {
    const body = bigPayment(1000, 2);
    const text = JSON.stringify(body);
    expect(text.length).toBeLessThan(1024 * 1024);
    const answer = await postWebhook(text);
    expect(answer.status).toBe(200);
    expect(answer.ack.outcome).toBe("accepted");
    const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId }, include: { _count: { select: { invoices: true } } } });
    expect(payment._count.invoices).toBe(1000);
    expect(payment.invoiceCount).toBe(1000);
    expect(await prisma.invoiceSplit.count({ where: { invoice: { paymentId: payment.id } } })).toBe(2000);
    const sums = await prisma.invoicePayInfo.aggregate({ where: { paymentId: payment.id }, _sum: { paidPaise: true, adjustmentPaise: true } });
    expect(sums._sum.paidPaise).toBe(payment.netPaidPaise);
    expect(sums._sum.adjustmentPaise).toBe(payment.netAdjustmentPaise);
    // Positions keep the body's order, and each split hangs off its own invoice.
    const sample = await prisma.invoicePayInfo.findFirstOrThrow({ where: { paymentId: payment.id, position: 737 }, include: { splits: { orderBy: { position: "asc" } } } });
    expect(sample.objectId).toBe(body.payment.invoicesPayInfos[737].objectId);
    expect(sample.splits.map((s) => s.refNo)).toEqual(body.payment.invoicesPayInfos[737].invoicePaymentAmount.splits.map((s: { refNo: string }) => s.refNo));

    // A later message replaces all of it.
    const next = { ...body, resp: { ...body.resp, reqMsgId: `${body.resp.reqMsgId}B` }, payment: { ...body.payment, ts: "2099-01-01T00:00:00+05:30" } };
    next.payment.invoicesPayInfos = body.payment.invoicesPayInfos.slice(0, 900);
    const updated = await postWebhook(next);
    expect(updated.status).toBe(200);
    expect(await prisma.invoicePayInfo.count({ where: { paymentId: payment.id } })).toBe(900);
    expect(await prisma.invoiceSplit.count({ where: { invoice: { paymentId: payment.id } } })).toBe(1800);
  });

  const beyond: [string, () => Record<string, any> | string, string][] = [
    ["more invoices than the limit", () => minimalInvoices(DEFAULT_LIMITS.invoices + 1), "payment.invoicesPayInfos"],
    ["more splits on one invoice than the limit", () => bigPayment(3, DEFAULT_LIMITS.splitsPerInvoice + 1), "payment.invoicesPayInfos[0].invoicePaymentAmount.splits"],
    ["more additional infos than the limit", () => ({ ...bigPayment(1, 0), additionalInfos: Array.from({ length: DEFAULT_LIMITS.additionalInfos + 1 }, () => ({ name: "A", value: "B" })) }), "additionalInfos"],
    // 349,000 empty invoices in 1 MiB: refused before it is parsed.
    ["a body of tiny values (349,000 empty invoices)", () => JSON.stringify({ ...bigPayment(1, 0), additionalInfos: "EMPTY" }).replace('"EMPTY"', `[${"{},".repeat(349_000)}{}]`), "(body)"],
  ];
  for (const [name, make, path] of beyond) {
    it(`answers 422 naming the limit for ${name}, and keeps the delivery`, async () => {
      const made = make();
      const text = typeof made === "string" ? made : JSON.stringify(made);
      expect(text.length).toBeLessThan(1024 * 1024);
      const answer = await postWebhook(text);
      expect(answer.status).toBe(422);
      expect(answer.ack.errors?.[0]?.path).toBe(path);
      expect(answer.body.response_message).toMatch(/limit/);
      const row = await kept(answer.ack.deliveryId);
      expect(row).toMatchObject({ outcome: "rejected", httpStatus: 422, bodyBytes: Buffer.byteLength(text) });
      expect(row.reason).toMatch(/limit exceeded/);
      expect(row.rawBody.length).toBe(text.length);
    });
  }

  it("raising WEBHOOK_MAX_BODY_BYTES raises what fits", async () => {
    const body = minimalInvoices(DEFAULT_LIMITS.invoices + 1);
    process.env.WEBHOOK_MAX_BODY_BYTES = String(2 * 1024 * 1024);
    const answer = await postWebhook(body);
    expect(answer.status).toBe(200);
    expect(await prisma.invoicePayInfo.count({ where: { payment: { objectId: body.payment.objectId } } })).toBe(DEFAULT_LIMITS.invoices + 1);
  });
});

describe("the page of a very large payment", () => {
  it("shows a 5,000-invoice payment 50 invoices at a time, in body order, without inlining its megabytes", async () => {
    process.env.WEBHOOK_MAX_BODY_BYTES = String(4 * 1024 * 1024);
    const body = bigPayment(5000, 1);
    const answer = await postWebhook(body);
    expect(answer.status).toBe(200);
    const first = await getPaymentByObjectId(admin, body.payment.objectId);
    expect(first).toMatchObject({ invoiceCount: 5000, invoicePage: 1, invoicePages: 100 });
    expect(first!.invoices).toHaveLength(50);
    expect(first!.invoices[0]!.objectId).toBe(body.payment.invoicesPayInfos[0].objectId);
    const last = await getPaymentByObjectId(admin, body.payment.objectId, { invoicePage: 100 });
    expect(last!.invoices.map((i) => i.position)).toEqual(Array.from({ length: 50 }, (_, i) => 4951 + i));
    expect(last!.invoices[49]!.splits[0]!.refNo).toBe(body.payment.invoicesPayInfos[4999].invoicePaymentAmount.splits[0].refNo);
    // Past the end: an empty page, not an error.
    expect((await getPaymentByObjectId(admin, body.payment.objectId, { invoicePage: 101 }))!.invoices).toEqual([]);
    // A 3.5 MB body is not inlined into the page: its delivery page shows its start, and the
    // download has all of it (finance and admins only, audited).
    expect("body" in first!.deliveries[0]!).toBe(false);
    const delivery = await getDelivery(admin, answer.ack.deliveryId!);
    expect(delivery!.raw).toMatchObject({ truncated: true });
    expect(delivery!.raw!.body.length).toBe(DISPLAYED_BODY_CHARS);
    const whole = await getDeliveryBody(admin, answer.ack.deliveryId!);
    expect(JSON.parse(whole!.text)).toEqual(body);
    await expect(getDeliveryBody(support, answer.ack.deliveryId!)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await prisma.auditEvent.count({ where: { action: "raw.download", target: String(answer.ack.deliveryId) } })).toBe(1);
  });
});

describe("a payment the database will not store", () => {
  // A trigger stands in for whatever makes the database fail this one message (a statement out of
  // time, a full disk): the database answers with an error, so the delivery alone is still kept.
  const install = databaseKind() === "postgresql"
    ? [
        `CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'poisoned'; END $$ LANGUAGE plpgsql`,
        `CREATE TRIGGER poison BEFORE INSERT ON "Payment" FOR EACH ROW WHEN (NEW."objectId" LIKE 'PMTBIGPOISON%') EXECUTE FUNCTION poison()`,
      ]
    : [`CREATE TRIGGER poison BEFORE INSERT ON "Payment" WHEN NEW."objectId" LIKE 'PMTBIGPOISON%' BEGIN SELECT RAISE(ABORT, 'poisoned'); END`];
  const remove = databaseKind() === "postgresql" ? [`DROP TRIGGER poison ON "Payment"`, `DROP FUNCTION poison()`] : [`DROP TRIGGER poison`];

  it("answers 503 so EnKash retries, keeps the delivery, and stores the retry once the cause is gone", async () => {
    const body = bigPayment(5, 1, `POISON${Date.now().toString(36)}`);
    for (const sql of install) await prisma.$executeRawUnsafe(sql);
    let answer;
    try {
      answer = await postWebhook(body);
    } finally {
      for (const sql of remove) await prisma.$executeRawUnsafe(sql);
    }
    expect(answer.status).toBe(503);
    const row = await kept(answer.ack.deliveryId);
    expect(row).toMatchObject({ outcome: "rejected", httpStatus: 503, objectId: body.payment.objectId });
    expect(row.reason).toMatch(/not stored.*retry/);
    expect(await prisma.payment.count({ where: { objectId: body.payment.objectId } })).toBe(0);

    const retried = await postWebhook(body);
    expect(retried.status).toBe(200);
    expect(retried.ack.outcome).toBe("accepted");
  });
});
