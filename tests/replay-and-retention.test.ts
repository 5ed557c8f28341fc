// An admin's tools for what was refused or is no longer needed (README → Replay, Retention):
// replaying rejected deliveries through ingest, and removing old bodies of rejected and duplicate
// deliveries. Through the real data layer, on the suite's database.
import { afterEach, describe, expect, it } from "vitest";
import { AccessDeniedError } from "@/lib/auth/access";
import { prisma } from "@/lib/db";
import { listRejectionGroups, replayDeliveries } from "@/lib/deliveries/replay";
import { DEFAULT_LIMITS } from "@/lib/enkash/limits";
import { applyRetention } from "@/lib/maintenance/retention";
import { bigPayment } from "./support/big-payment";
import { admin, finance, support } from "./support/viewers";
import { freshPayment, postWebhook } from "./support/webhook";

afterEach(() => {
  delete process.env.WEBHOOK_MAX_BODY_BYTES;
  delete process.env.RETENTION_DAYS;
});

/** A payment with more invoices than the default limit: refused until the cap is raised. */
function overLimit() {
  const body = bigPayment(1, 0);
  body.payment.invoicesPayInfos = Array.from({ length: DEFAULT_LIMITS.invoices + 5 }, (_, i) => ({ objectId: `I${i}` }));
  return body;
}

describe("replaying rejected deliveries", () => {
  it("re-processes a delivery after the cause is fixed, once, audited, leaving the original as it was", async () => {
    const body = overLimit();
    const refused = await postWebhook(body);
    expect(refused.status).toBe(422);
    const originalId = refused.ack.deliveryId!;
    const original = await prisma.delivery.findUniqueOrThrow({ where: { id: originalId } });

    const groups = await listRejectionGroups(admin);
    expect(groups.groups.some((g) => g.reason.startsWith("limit exceeded: payment.invoicesPayInfos holds N invoices"))).toBe(true);

    // Still refused: a new rejected delivery that points back, and the original may be replayed again.
    const again = await replayDeliveries(admin, [originalId]);
    expect(again[0]).toMatchObject({ deliveryId: originalId, outcome: "rejected", httpStatus: 422 });

    process.env.WEBHOOK_MAX_BODY_BYTES = String(2 * 1024 * 1024); // the fix: a larger cap
    const [replayed] = await replayDeliveries(admin, [originalId]);
    expect(replayed).toMatchObject({ deliveryId: originalId, outcome: "accepted", httpStatus: 200 });
    const replay = await prisma.delivery.findUniqueOrThrow({ where: { id: replayed!.replayId! } });
    expect(replay).toMatchObject({ replayOfId: originalId, auth: "replay", outcome: "accepted", objectId: body.payment.objectId });
    expect(await prisma.invoicePayInfo.count({ where: { payment: { objectId: body.payment.objectId } } })).toBe(DEFAULT_LIMITS.invoices + 5);
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: originalId } })).toEqual(original);

    // Idempotent: replaying it again stores nothing more.
    const rows = await prisma.delivery.count();
    const [twice] = await replayDeliveries(admin, [originalId]);
    expect(twice).toMatchObject({ outcome: "already-replayed", replayId: replay.id });
    expect(await prisma.delivery.count()).toBe(rows);
    expect(await prisma.payment.count({ where: { objectId: body.payment.objectId } })).toBe(1);

    const audit = await prisma.auditEvent.findMany({ where: { action: "delivery.replay", target: String(originalId) } });
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.actorEmail)).toEqual([admin.email, admin.email]);
  });

  it("refuses what cannot be vouched for or was not kept whole, and anyone but an admin", async () => {
    const wrongSecret = await postWebhook(freshPayment(), { "x-webhook-secret": "not-the-secret-0123456789" });
    expect(wrongSecret.status).toBe(401);
    const [refused] = await replayDeliveries(admin, [wrongSecret.ack.deliveryId!]);
    expect(refused).toMatchObject({ outcome: "not-replayable", replayId: null });
    expect(refused!.message).toMatch(/not known to be EnKash/);

    const stored = await postWebhook(freshPayment());
    expect((await replayDeliveries(admin, [stored.ack.deliveryId!]))[0]).toMatchObject({ outcome: "not-replayable" });
    expect((await replayDeliveries(admin, [2_000_000_000]))[0]).toMatchObject({ outcome: "missing" });

    for (const viewer of [finance, support]) {
      await expect(replayDeliveries(viewer, [wrongSecret.ack.deliveryId!])).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(listRejectionGroups(viewer)).rejects.toBeInstanceOf(AccessDeniedError);
    }
  });
});

describe("retention", () => {
  it("removes old bodies of rejected and duplicate deliveries only, keeps every row, and is idempotent", async () => {
    const body = freshPayment();
    const accepted = await postWebhook(body);
    const duplicate = await postWebhook(body);
    const rejected = await postWebhook(overLimit());
    const recent = await postWebhook(overLimit());
    expect([accepted.ack.outcome, duplicate.ack.outcome, rejected.ack.outcome, recent.ack.outcome]).toEqual(["accepted", "duplicate", "rejected", "rejected"]);
    const old = new Date(Date.now() - 40 * 86_400_000);
    await prisma.delivery.updateMany({ where: { id: { in: [accepted.ack.deliveryId!, duplicate.ack.deliveryId!, rejected.ack.deliveryId!] } }, data: { receivedAt: old } });
    const user = await prisma.user.create({ data: { id: `retention-${Date.now()}`, email: `retention-${Date.now()}@payments-desk.test`, name: "R", emailVerified: false, role: "support" } });
    await prisma.session.create({ data: { id: `s-${user.id}`, token: `t-${user.id}`, userId: user.id, expiresAt: new Date(Date.now() - 1000) } });
    const rows = await prisma.delivery.count();

    process.env.RETENTION_DAYS = "30";
    const result = await applyRetention();
    expect(result.bodiesRemoved).toBeGreaterThanOrEqual(2);
    expect(result.sessionsRemoved).toBeGreaterThanOrEqual(1);
    const after = async (id: number | null) => prisma.delivery.findUniqueOrThrow({ where: { id: id! } });
    expect(await after(duplicate.ack.deliveryId)).toMatchObject({ rawBody: "", outcome: "duplicate" });
    expect((await after(duplicate.ack.deliveryId)).bodyPurgedAt).toBeInstanceOf(Date);
    expect(await after(rejected.ack.deliveryId)).toMatchObject({ rawBody: "", outcome: "rejected" });
    expect((await after(accepted.ack.deliveryId)).rawBody).toBe(JSON.stringify(body)); // the payment's own history
    expect((await after(recent.ack.deliveryId)).rawBody.length).toBeGreaterThan(0);
    expect(await prisma.delivery.count()).toBe(rows);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);

    // A purged delivery cannot be replayed; a second run finds nothing more to remove.
    expect((await replayDeliveries(admin, [rejected.ack.deliveryId!]))[0]!.message).toMatch(/removed by retention/);
    expect((await applyRetention()).bodiesRemoved).toBe(0);

    process.env.RETENTION_DAYS = "0";
    expect((await applyRetention()).cutoff).toBeNull();
  });
});
