import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { freshPayment, postWebhook } from "./support/webhook";

const deliveriesOf = (objectId: string) =>
  prisma.delivery.findMany({ where: { objectId }, orderBy: { id: "asc" }, select: { outcome: true, paymentId: true, reason: true } });

describe("idempotency and ordering", () => {
  it("stores 50 concurrent identical deliveries as one payment and 49 duplicates", async () => {
    const body = freshPayment();
    const answers = await Promise.all(Array.from({ length: 50 }, () => postWebhook(body)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(await prisma.payment.count({ where: { objectId: body.payment.objectId } })).toBe(1);
    const outcomes = (await deliveriesOf(body.payment.objectId)).map((d) => d.outcome);
    expect(outcomes.filter((o) => o === "accepted")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(49);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId }, include: { invoices: true } });
    expect(payment.invoices).toHaveLength(2);
  });

  it("answers 200 to an identical repeat, even re-serialised, and stores no new payment data", async () => {
    const body = freshPayment();
    await postWebhook(body);
    const before = await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId } });
    const repeat = await postWebhook(JSON.stringify(body, null, 2));
    expect(repeat.status).toBe(200);
    expect(repeat.ack.outcome).toBe("duplicate");
    const after = await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId } });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await prisma.invoicePayInfo.count({ where: { paymentId: after.id } })).toBe(2);
  });

  it("keeps a different body with the same objectId and reqMsgId as a conflict, overwriting nothing", async () => {
    const body = freshPayment();
    await postWebhook(body);
    const altered = structuredClone(body);
    altered.payment.paymentAmount.totalAmount = 1;
    const answer = await postWebhook(altered);
    expect(answer.status).toBe(200);
    expect(answer.ack.outcome).toBe("conflict");
    const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId } });
    expect(payment.totalPaise).toBe(17700000n);
    const deliveries = await deliveriesOf(body.payment.objectId);
    expect(deliveries.map((d) => d.outcome)).toEqual(["accepted", "conflict"]);
    expect(deliveries[1]!.paymentId).toBe(payment.id);

    // Retries of the same disagreement are duplicates of it; a third version is a new conflict.
    expect((await postWebhook(altered)).ack.outcome).toBe("duplicate");
    altered.payment.paymentAmount.totalAmount = 2;
    expect((await postWebhook(altered)).ack.outcome).toBe("conflict");
    const after = await deliveriesOf(body.payment.objectId);
    expect(after.map((d) => d.outcome)).toEqual(["accepted", "conflict", "duplicate", "conflict"]);
    expect(after[2]!.reason).toMatch(/repeat of conflicting delivery #\d+/);
  });

  it("applies a newer message (later ts) and keeps the earlier one in the delivery history", async () => {
    const first = freshPayment(undefined, { ts: "2025-07-14T11:32:08+05:30" });
    await postWebhook(first);
    const newer = structuredClone(first);
    newer.resp.reqMsgId = `${first.resp.reqMsgId}B`;
    newer.payment.ts = "2025-07-14T12:00:00+05:30";
    newer.resp.result = "FAILURE";
    newer.resp.errorCd = "E9001";
    newer.payment.invoicesPayInfos = newer.payment.invoicesPayInfos.slice(0, 1);
    newer.payment.paymentAmount = { netPaidAmount: 116000, netAdjustmentAmount: 2000, totalAmount: 118000, currency: "INR" };
    const answer = await postWebhook(newer);
    expect(answer.ack.outcome).toBe("updated");
    const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: first.payment.objectId }, include: { invoices: { include: { splits: true } } } });
    expect(payment).toMatchObject({ reqMsgId: newer.resp.reqMsgId, status: "failure", errorCd: "E9001", totalPaise: 11800000n, invoiceCount: 1 });
    expect(payment.invoices).toHaveLength(1);
    expect(payment.invoices[0]!.splits).toHaveLength(1);
    expect(await prisma.invoiceSplit.count({ where: { invoice: { paymentId: payment.id } } })).toBe(1);
    expect((await deliveriesOf(first.payment.objectId)).map((d) => d.outcome)).toEqual(["accepted", "updated"]);
  });

  it("never lets an older message arriving late overwrite newer state", async () => {
    const newer = freshPayment(undefined, { ts: "2025-07-15T10:00:00+05:30" });
    await postWebhook(newer);
    const older = structuredClone(newer);
    older.resp.reqMsgId = `${newer.resp.reqMsgId}OLD`;
    older.payment.ts = "2025-07-15T09:00:00+05:30";
    older.payment.paymentAmount.totalAmount = 5;
    const answer = await postWebhook(older);
    expect(answer.status).toBe(200);
    expect(answer.ack.outcome).toBe("stale");
    const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: newer.payment.objectId } });
    expect(payment.reqMsgId).toBe(newer.resp.reqMsgId);
    expect(payment.totalPaise).toBe(17700000n);
    // A repeat of the stale message is recognised as a duplicate of it.
    expect((await postWebhook(older)).ack.outcome).toBe("duplicate");
  });

  // The race between a newer and an older message is proven with a real second writer in
  // tests/message-ordering.test.ts ("concurrent writers"), on both databases.

  it("keeps a different message with the same ts as a conflict for review", async () => {
    const body = freshPayment();
    await postWebhook(body);
    const twin = structuredClone(body);
    twin.resp.reqMsgId = `${body.resp.reqMsgId}TWIN`;
    twin.payment.utr = "CHANGED";
    expect((await postWebhook(twin)).ack.outcome).toBe("conflict");
    expect((await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId } })).utr).toBe(body.payment.utr);
  });
});
