// Identity, ordering and isolation: which message describes a payment, decided the same way
// whatever characters the ids hold, whatever the ts says, and however deliveries interleave.
import { spawn } from "node:child_process";
import { Client } from "pg";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { findPaymentsByUtr } from "@/lib/payments/find-by-utr";
import { getPaymentByObjectId } from "@/lib/payments/get-payment";
import { parseListParams } from "@/lib/payments/list-params";
import { listPayments } from "@/lib/payments/list-payments";
import { freshPayment, postWebhook } from "./support/webhook";
import { finance } from "./support/viewers";

const outcomesOf = async (objectId: string) =>
  (await prisma.delivery.findMany({ where: { objectId }, orderBy: { id: "asc" }, select: { outcome: true } })).map((d) => d.outcome);
const paymentOf = (objectId: string) => prisma.payment.findUniqueOrThrow({ where: { objectId } });
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe("message identity", () => {
  it("never confuses two objectId + reqMsgId pairs, whatever characters they hold", async () => {
    const pairs = [["PMT A B", "C"], ["PMT A", "B C"], ["PMT|A", "B"], ["PMT", "|A|B"]];
    for (const [objectId, reqMsgId] of pairs) {
      const body = freshPayment();
      body.payment.objectId = objectId;
      body.resp.reqMsgId = reqMsgId;
      expect((await postWebhook(body)).ack.outcome, `${objectId} / ${reqMsgId}`).toBe("accepted");
    }
    for (const [objectId, reqMsgId] of pairs) {
      expect((await paymentOf(objectId!)).reqMsgId).toBe(reqMsgId);
    }
  });

  it("keeps one conflict row however many identical conflicting bodies arrive at once", async () => {
    const body = freshPayment();
    await postWebhook(body);
    const altered = structuredClone(body);
    altered.payment.paymentAmount.totalAmount = 1;
    const answers = await Promise.all(Array.from({ length: 12 }, () => postWebhook(altered)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const outcomes = await outcomesOf(body.payment.objectId);
    expect(outcomes.filter((o) => o === "conflict")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(11);
    expect(await prisma.paymentMessage.count({ where: { payment: { objectId: body.payment.objectId }, outcome: "conflict" } })).toBe(1);
  });
});

describe("ordering (README → Ordering)", () => {
  it("applies a revision (same reqMsgId, new content, later ts) and keeps both versions in the history", async () => {
    const first = freshPayment(undefined, { ts: "2025-07-20T10:00:00+05:30" });
    first.resp.result = "FAILURE";
    first.resp.errorCd = "E4002";
    await postWebhook(first);
    const revision = structuredClone(first);
    revision.payment.ts = "2025-07-20T10:30:00+05:30";
    revision.resp.result = "SUCCESS";
    revision.resp.errorCd = "";
    const answer = await postWebhook(revision);
    expect(answer.ack.outcome).toBe("revised");
    expect(await paymentOf(first.payment.objectId)).toMatchObject({ status: "success", ts: "2025-07-20T10:30:00+05:30" });

    // An older version of the same message arriving late is stale; the same ts with other content is a conflict.
    const older = structuredClone(first);
    older.payment.ts = "2025-07-20T09:00:00+05:30";
    expect((await postWebhook(older)).ack.outcome).toBe("stale");
    const sameTs = structuredClone(revision);
    sameTs.payment.utr = "CHANGED";
    expect((await postWebhook(sameTs)).ack.outcome).toBe("conflict");
    expect(await outcomesOf(first.payment.objectId)).toEqual(["accepted", "revised", "stale", "conflict"]);
    expect((await paymentOf(first.payment.objectId)).status).toBe("success");
  });

  it("flags a ts far in the future and does not let it hold back later messages", async () => {
    const future = freshPayment(undefined, { ts: minutesFromNow(24 * 60) });
    expect((await postWebhook(future)).ack.outcome).toBe("accepted");
    const stored = await paymentOf(future.payment.objectId);
    expect(stored.tsTrusted).toBe(false);
    expect(stored.warnings).toContain("ts-future");
    expect(Math.abs(stored.occurredAt.getTime() - stored.stateReceivedAt.getTime())).toBe(0);

    const real = structuredClone(future);
    real.resp.reqMsgId = `${future.resp.reqMsgId}-2`;
    real.payment.ts = minutesFromNow(0);
    real.resp.result = "FAILURE";
    expect((await postWebhook(real)).ack.outcome).toBe("updated");
    expect(await paymentOf(future.payment.objectId)).toMatchObject({ status: "failure", tsTrusted: true });
  });

  it("orders by receipt time when the first message's ts is unrecognised, instead of turning later ones into conflicts", async () => {
    const first = freshPayment(undefined, { ts: "next Tuesday" });
    await postWebhook(first);
    expect((await paymentOf(first.payment.objectId)).warnings).toContain("ts-unparseable");
    const second = structuredClone(first);
    second.resp.reqMsgId = `${first.resp.reqMsgId}-2`;
    second.payment.ts = "2025-07-21T10:00:00+05:30";
    second.payment.paymentAmount.totalAmount = 177000.5;
    expect((await postWebhook(second)).ack.outcome).toBe("updated");
    const third = structuredClone(second);
    third.resp.reqMsgId = `${first.resp.reqMsgId}-3`;
    third.payment.ts = "also not a time";
    const answer = await postWebhook(third);
    expect(answer.ack.outcome).toBe("updated");
    expect(answer.body.response_message).toBe("stored (updated)");
    const deliveries = await prisma.delivery.findMany({ where: { objectId: first.payment.objectId }, orderBy: { id: "asc" } });
    expect(deliveries.map((d) => d.outcome)).toEqual(["accepted", "updated", "updated"]);
    expect(deliveries[1]!.reason).toMatch(/ordered by receipt time/);
  });

  it.each([
    ["14-07-2025 11:32:08", "2025-07-14T06:02:08.000Z"],
    ["14/07/2025 11:32:08", "2025-07-14T06:02:08.000Z"],
    ["14/07/2025 11:32", "2025-07-14T06:02:00.000Z"],
  ])("reads the Indian form %j as IST", async (ts, iso) => {
    const body = freshPayment(undefined, { ts });
    await postWebhook(body);
    const stored = await paymentOf(body.payment.objectId);
    expect(stored.tsInstant?.toISOString()).toBe(iso);
    expect(stored.warnings).not.toContain("ts-unparseable");
  });
});

/**
 * Another writer updating the payment's row in its own transaction, which commits `holdMs` after
 * it has taken the lock. On SQLite it is another process: a SQLite lock wait blocks the waiting
 * process (better-sqlite3 is synchronous), so the holder must commit on its own.
 */
async function otherWriter(objectId: string, ts: Date, reqMsgId: string, holdMs: number): Promise<{ committed: Promise<void> }> {
  const url = process.env.DATABASE_URL!;
  const iso = ts.toISOString().replace("Z", "+00:00");
  const sql = 'UPDATE "Payment" SET "tsInstant" = $1, "occurredAt" = $1, "stateReceivedAt" = $1, "reqMsgId" = $2 WHERE "objectId" = $3';
  if (url.startsWith("file:")) {
    const script = `
      const db = new (require("better-sqlite3"))(process.argv[1]);
      db.exec("BEGIN IMMEDIATE");
      db.prepare(process.argv[2]).run({ p1: process.argv[3], p2: process.argv[4], p3: process.argv[5] });
      process.stdout.write("held\\n");
      setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.argv[6]));`;
    const args = [url.slice("file:".length), sql.replace(/\$(\d)/g, "@p$1"), iso, reqMsgId, objectId, String(holdMs)];
    const child = spawn(process.execPath, ["-e", script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    return { committed: new Promise((resolve) => child.once("exit", () => resolve())) };
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  await client.query(sql, [iso, reqMsgId, objectId]);
  const committed = new Promise<void>((resolve) => setTimeout(() => void client.query("COMMIT").then(() => client.end()).then(resolve), holdMs));
  return { committed };
}

describe("concurrent writers", () => {
  it("a message that raced a newer one which committed first is stale, never applied over it", async () => {
    const base = freshPayment(undefined, { ts: "2025-07-16T09:00:00+05:30" });
    await postWebhook(base);
    // The newer message (09:06) is mid-transaction on another connection when the 09:05 one arrives.
    const newer = await otherWriter(base.payment.objectId, new Date("2025-07-16T03:36:00Z"), "NEWER", 600);
    const older = structuredClone(base);
    older.resp.reqMsgId = `${base.resp.reqMsgId}-0905`;
    older.payment.ts = "2025-07-16T09:05:00+05:30";
    const started = performance.now();
    const answer = await postWebhook(older);
    // It waited for the other writer instead of deciding on a state it could not see yet.
    expect(performance.now() - started).toBeGreaterThan(400);
    await newer.committed;
    expect(answer.ack.outcome).toBe("stale");
    expect(await paymentOf(base.payment.objectId)).toMatchObject({ reqMsgId: "NEWER", tsInstant: new Date("2025-07-16T03:36:00Z") });
  });

  it("pages never see a webhook transaction that has not committed", async () => {
    const body = freshPayment();
    body.payment.utr = "UNCOMMITTED0001";
    let seenInside: unknown[] = [];
    await prisma.$transaction(async (tx) => {
      await tx.payment.create({
        data: {
          objectId: body.payment.objectId, reqMsgId: "R", result: "SUCCESS", status: "success", errorCd: "", errorDtl: "", errorField: "",
          buyerB2BId: "B", supplierB2BId: "S", ts: "", tsTrusted: false, stateReceivedAt: new Date("2031-01-01T00:00:00Z"),
          occurredAt: new Date("2031-01-01T00:00:00Z"), type: "ONPLATFORM", mode: "NEFT", utr: "UNCOMMITTED0001", utrNormalized: "UNCOMMITTED0001",
          currency: "INR", netPaidPaise: 1n, netAdjustmentPaise: 0n, totalPaise: 1n, amountCurrency: "INR", invoiceCount: 0, warnings: "[]",
          warningCount: 0, firstReceivedAt: new Date("2031-01-01T00:00:00Z"),
        },
      });
      // The daily rollup row ingest writes with it (the list's summary of whole days reads it).
      await tx.dailyTotal.create({ data: { day: "2031-01-01", status: "success", errorCd: "", mode: "NEFT", type: "ONPLATFORM", payments: 1, paise: 1n } });
      seenInside = [
        (await listPayments(finance, parseListParams({ from: "2031-01-01", to: "2031-01-01" }))).total,
        await getPaymentByObjectId(finance, body.payment.objectId),
        (await findPaymentsByUtr(finance, "UNCOMMITTED0001")).kind,
      ];
    });
    expect(seenInside).toEqual([0, null, "none"]);
    expect((await listPayments(finance, parseListParams({ from: "2031-01-01", to: "2031-01-01" }))).total).toBe(1);
  });
});

describe("writes outside a webhook transaction", () => {
  it("are neither part of an open webhook transaction nor rolled back with it", async () => {
    let inside: Promise<unknown> | null = null;
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.appSetting.create({ data: { key: "inside-tx", value: "1" } });
        // Another request writes while this transaction is open (an audit entry, a session).
        inside = prisma.appSetting.create({ data: { key: "outside-tx", value: "1" } });
        await new Promise((r) => setTimeout(r, 200));
        throw new Error("the webhook's transaction fails");
      }),
    ).rejects.toThrow("fails");
    await inside;
    expect(await prisma.appSetting.findUnique({ where: { key: "inside-tx" } })).toBeNull();
    expect(await prisma.appSetting.findUnique({ where: { key: "outside-tx" } })).not.toBeNull();
  });
});
