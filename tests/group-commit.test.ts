// The group-commit writer on SQLite (lib/ingest/sqlite-writer.ts, lib/ingest/fast-store.ts): many
// deliveries in one transaction, each in its own savepoint, each acknowledged after COMMIT.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { databaseKind, sqliteFilePath } from "@/lib/database-url";
import { closeGroupWriter, groupWriter } from "@/lib/ingest/store";
import { WriterThread } from "@/lib/ingest/writer-thread";
import { freshPayment, postWebhook, type WebhookAnswer } from "./support/webhook";

const file = () => sqliteFilePath(process.env.DATABASE_URL!);

let invoiceCounter = 0;
/** A fresh payment settling invoices of its own (the example's invoices would make each a duplicate). */
function ownPayment(): Record<string, any> {
  const body = freshPayment();
  for (const invoice of body.payment.invoicesPayInfos) {
    const tag = `${Date.now().toString(36)}${(++invoiceCounter).toString(36)}`.toUpperCase();
    invoice.objectId = `INVGC${tag}`;
    invoice.supplierInvoiceNumber = `GC/${tag}`;
  }
  return body;
}

/**
 * Posts the bodies so that they land in one batch: the database is held until all of them are
 * queued. `meanwhile` runs while they wait.
 */
async function inOneBatch(bodies: Record<string, any>[], meanwhile?: () => Promise<void>): Promise<{ answers: WebhookAnswer[]; jobs: number; passed: number }> {
  const writer = groupWriter()!;
  const before = { ...writer.stats };
  const holder = new Database(file());
  holder.exec("BEGIN IMMEDIATE");
  const pending = bodies.map((body) => postWebhook(body));
  for (let waited = 0; writer.queued < bodies.length; waited += 2) {
    if (waited > 5_000) throw new Error(`only ${writer.queued} of ${bodies.length} deliveries reached the writer`);
    await new Promise((r) => setTimeout(r, 2));
  }
  await meanwhile?.();
  holder.exec("ROLLBACK");
  holder.close();
  const answers = await Promise.all(pending);
  if (meanwhile) return { answers, jobs: 0, passed: 0 };
  expect(writer.stats.batches - before.batches).toBe(1);
  return { answers, jobs: writer.stats.jobs - before.jobs, passed: writer.stats.passed - before.passed };
}

const rowsOf = async (objectId: string) => ({
  payments: await prisma.payment.count({ where: { objectId } }),
  messages: await prisma.paymentMessage.count({ where: { payment: { objectId } } }),
  deliveries: await prisma.delivery.findMany({ where: { objectId }, select: { outcome: true, httpStatus: true }, orderBy: { id: "asc" } }),
});

describe.runIf(databaseKind() === "sqlite")("group commit", () => {
  afterEach(async () => {
    await prisma.$executeRawUnsafe('DROP TRIGGER IF EXISTS "refuse_test_payment"');
    delete process.env.INGEST_GROUP_COMMIT;
    if (process.env.INGEST_WRITER_THREAD) {
      delete process.env.INGEST_WRITER_THREAD;
      await closeGroupWriter();
    }
  });

  it("runs the writer on a thread of its own by default; deliveries waiting when it dies are stored by the per-delivery path", async () => {
    const thread = groupWriter();
    expect(thread).toBeInstanceOf(WriterThread);
    const bodies = [ownPayment(), ownPayment(), ownPayment()];
    const { answers } = await inOneBatch(bodies, () => (thread as WriterThread).stop());
    expect(answers.map((a) => [a.status, a.ack.outcome])).toEqual(bodies.map(() => [200, "accepted"]));
    for (const body of bodies) expect(await rowsOf(body.payment.objectId)).toEqual({ payments: 1, messages: 1, deliveries: [{ outcome: "accepted", httpStatus: 200 }] });
    // The next delivery starts a new thread, which stores it in a batch.
    const next = groupWriter();
    expect(next).toBeInstanceOf(WriterThread);
    expect(next).not.toBe(thread);
    expect((await postWebhook(ownPayment())).ack.outcome).toBe("accepted");
    expect([next!.stats.jobs, next!.stats.passed]).toEqual([1, 0]);
  });

  it("answers a batch only once its WAL is on disk; a failed fsync answers 503, and the retry finds the payment stored", async () => {
    // On the server's thread, so that this process's fsync is the writer's.
    await closeGroupWriter();
    process.env.INGEST_WRITER_THREAD = "off";
    const held: (() => void)[] = [];
    const fsync = vi.spyOn(fs, "fsync").mockImplementation(((_fd: number, done: (error: Error | null) => void) => void held.push(() => done(null))) as unknown as typeof fs.fsync);
    try {
      const body = ownPayment();
      let answered = false;
      const pending = postWebhook(body).then((answer) => ((answered = true), answer));
      for (let waited = 0; held.length === 0 && waited < 5_000; waited += 2) await new Promise((r) => setTimeout(r, 2));
      expect(held).toHaveLength(1);
      // Committed (another connection reads it), but not answered until the fsync returns.
      expect(await prisma.payment.count({ where: { objectId: body.payment.objectId } })).toBe(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(answered).toBe(false);
      held.shift()!();
      expect((await pending).ack.outcome).toBe("accepted");

      fsync.mockImplementation(((_fd: number, done: (error: Error | null) => void) => done(Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO" }))) as unknown as typeof fs.fsync);
      const failing = ownPayment();
      const before = { ...groupWriter()!.stats };
      expect((await postWebhook(failing)).status).toBe(503);
      // Counted as the writer's work, and not as passed to the per-delivery path.
      expect([groupWriter()!.stats.jobs - before.jobs, groupWriter()!.stats.passed - before.passed]).toEqual([1, 0]);
      fsync.mockRestore();
      expect((await postWebhook(failing)).ack.outcome).toBe("duplicate");
      expect((await rowsOf(failing.payment.objectId)).payments).toBe(1);
    } finally {
      fsync.mockRestore();
    }
  });

  it("INGEST_WRITER_THREAD=off keeps the writer on the server's thread, with the same answers", async () => {
    await closeGroupWriter();
    process.env.INGEST_WRITER_THREAD = "off";
    expect(groupWriter()).not.toBeInstanceOf(WriterThread);
    const body = ownPayment();
    const update = structuredClone(body);
    update.resp.reqMsgId = `${body.resp.reqMsgId}U`;
    update.payment.ts = "2025-07-15T11:32:08+05:30";
    const { answers, jobs, passed } = await inOneBatch([body, body, update]);
    expect([jobs, passed]).toEqual([3, 0]);
    expect(answers.map((a) => a.ack.outcome)).toEqual(["accepted", "duplicate", "updated"]);
  });

  it("a failing item does not fail its batch: its neighbours commit, it alone is refused and kept", async () => {
    await prisma.$executeRawUnsafe(`CREATE TRIGGER "refuse_test_payment" BEFORE INSERT ON "Payment" WHEN NEW."utr" LIKE 'REFUSE%'
      BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    const bodies = [ownPayment(), ownPayment(), ownPayment()];
    bodies[1]!.payment.utr = `REFUSE${bodies[1]!.payment.utr}`;
    const { answers, jobs, passed } = await inOneBatch(bodies);
    expect(jobs).toBe(3);
    expect(passed).toBe(1); // the failing one, handed to the per-delivery path
    expect(answers.map((a) => a.status)).toEqual([200, 503, 200]);
    for (const i of [0, 2]) expect(await rowsOf(bodies[i]!.payment.objectId)).toEqual({ payments: 1, messages: 1, deliveries: [{ outcome: "accepted", httpStatus: 200 }] });
    // Not stored, but its delivery is kept for an admin to replay; EnKash was asked to retry.
    expect(await rowsOf(bodies[1]!.payment.objectId)).toEqual({ payments: 0, messages: 0, deliveries: [{ outcome: "rejected", httpStatus: 503 }] });
  });

  it("concurrent twins within one batch: one payment, one message, the second a duplicate", async () => {
    const body = ownPayment();
    const update = structuredClone(body);
    update.resp.reqMsgId = `${body.resp.reqMsgId}U`;
    update.payment.ts = "2025-07-15T11:32:08+05:30";
    const { answers, jobs } = await inOneBatch([body, body, update, body]);
    expect(jobs).toBe(4);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => a.ack.outcome)).toEqual(["accepted", "duplicate", "updated", "duplicate"]);
    const stored = await rowsOf(body.payment.objectId);
    expect(stored.payments).toBe(1);
    expect(stored.messages).toBe(2);
    expect(stored.deliveries.map((d) => d.outcome).sort()).toEqual(["accepted", "duplicate", "duplicate", "updated"]);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId }, select: { reqMsgId: true } });
    expect(payment.reqMsgId).toBe(update.resp.reqMsgId);
  });

  it("writes the rows the per-delivery path writes, column for column: a first message and an update", async () => {
    const fast = ownPayment();
    const slow = ownPayment();
    // The same message but for its ids, so that every other column must come out the same.
    slow.payment.invoicesPayInfos = fast.payment.invoicesPayInfos.map((invoice: Record<string, unknown>, i: number) => ({
      ...invoice,
      objectId: slow.payment.invoicesPayInfos[i].objectId,
      supplierInvoiceNumber: slow.payment.invoicesPayInfos[i].supplierInvoiceNumber,
    }));
    // A later message for each: another reqMsgId and ts, the invoices' new status, one more remark.
    const later = (body: Record<string, any>) => {
      const next = structuredClone(body);
      next.resp.reqMsgId = `${body.resp.reqMsgId}U`;
      next.payment.ts = "2025-07-15T10:00:00+05:30";
      next.payment.invoicesPayInfos[0].statusTransition = { currentStatus: "PAID", newStatus: "SETTLED" };
      next.additionalInfos.push({ name: "NOTE", value: "settled" });
      return next;
    };
    const writer = groupWriter()!;
    const before = { ...writer.stats };
    expect((await postWebhook(fast)).ack.outcome).toBe("accepted");
    expect((await postWebhook(later(fast))).ack.outcome).toBe("updated");
    // Both stored by the writer, neither passed to the per-delivery path.
    expect([writer.stats.jobs - before.jobs, writer.stats.passed - before.passed]).toEqual([2, 0]);
    process.env.INGEST_GROUP_COMMIT = "off";
    expect((await postWebhook(slow)).ack.outcome).toBe("accepted");
    expect((await postWebhook(later(slow))).ack.outcome).toBe("updated");
    expect(groupWriter()).toBeNull();

    const db = new Database(file(), { readonly: true });
    // Ids differ; instants differ in value but must have the same form (Prisma's ISO text, +00:00),
    // so that range filters compare them alike. Every other column must be equal, type included.
    const differing = new Set(["id", "objectId", "invoiceObjectId", "paymentId", "invoiceId", "messageId", "reqMsgId", "utr", "utrNormalized", "fingerprint", "supplierInvoiceNumber", "invoiceNumberKey", "rawBody", "bodyBytes"]);
    const form = (v: unknown) => (typeof v === "string" ? v.replace(/\d/g, "9") : v);
    const read = (sql: string, id: number) =>
      (db.prepare(sql).all(id) as Record<string, unknown>[]).map((row) =>
        Object.fromEntries(Object.entries(row).filter(([k]) => !differing.has(k)).map(([k, v]) => [k, /At$|^ts/.test(k) ? form(v) : v])),
      );
    const graph = (objectId: string) => {
      const p = db.prepare('SELECT "id" FROM "Payment" WHERE "objectId" = ?').get(objectId) as { id: number };
      return {
        payment: read('SELECT * FROM "Payment" WHERE "id" = ?', p.id),
        invoices: read('SELECT * FROM "InvoicePayInfo" WHERE "paymentId" = ? ORDER BY "position"', p.id),
        splits: read('SELECT s.* FROM "InvoiceSplit" s JOIN "InvoicePayInfo" i ON i."id" = s."invoiceId" WHERE i."paymentId" = ? ORDER BY i."position", s."position"', p.id),
        infos: read('SELECT * FROM "AdditionalInfo" WHERE "paymentId" = ? ORDER BY "position"', p.id),
        messages: read('SELECT * FROM "PaymentMessage" WHERE "paymentId" = ? ORDER BY "id"', p.id),
        deliveries: read('SELECT * FROM "Delivery" WHERE "paymentId" = ? ORDER BY "id"', p.id),
        // Invoice search's history: the replaced state's invoices, under the message that set it.
        touches: read('SELECT * FROM "InvoiceTouch" WHERE "paymentId" = ? ORDER BY "id"', p.id),
      };
    };
    const [a, b] = [graph(fast.payment.objectId), graph(slow.payment.objectId)];
    // The overview's rollup moved with each payment: it agrees with the payments themselves.
    const rollup = db.prepare('SELECT "day", "status", SUM("payments") AS n, SUM("paise") AS paise FROM "DailyTotal" GROUP BY 1, 2 HAVING SUM("payments") <> 0 ORDER BY 1, 2').all();
    const counted = db.prepare(`SELECT strftime('%Y-%m-%d', "occurredAt", '+330 minutes') AS "day", "status", COUNT(*) AS n, SUM("totalPaise") AS paise FROM "Payment" GROUP BY 1, 2 ORDER BY 1, 2`).all();
    expect(rollup).toEqual(counted);
    db.close();
    expect(a.payment.length).toBe(1);
    expect(a.splits.length).toBeGreaterThan(0);
    expect(JSON.stringify(a, (_, v) => (typeof v === "bigint" ? String(v) : v), 1)).toEqual(JSON.stringify(b, (_, v) => (typeof v === "bigint" ? String(v) : v), 1));
  });

  it("a crash mid-batch acknowledges nothing that is not committed, and loses nothing that was", async () => {
    const child = await promisify(execFile)(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/crash-mid-batch.ts"], {
      env: { ...process.env, INGEST_GROUP_COMMIT: "on" },
    }).then(
      () => { throw new Error("the child was not killed"); },
      (error: { signal?: string; stdout: string; stderr: string }) => error,
    );
    expect(child.signal, child.stderr).toBe("SIGKILL");
    const lines = child.stdout.trim().split("\n");
    const acked = lines.filter((l) => l.startsWith("ack ")).map((l) => l.split(" ")[1]!);
    const second = lines.find((l) => l.startsWith("second "))!.split(" ").slice(1);
    expect(acked).toHaveLength(2);
    expect(acked.some((id) => second.includes(id))).toBe(false);
    // What was acknowledged is there, with its delivery; nothing of the killed batch is.
    for (const objectId of acked) expect(await rowsOf(objectId)).toEqual({ payments: 1, messages: 1, deliveries: [{ outcome: "accepted", httpStatus: 200 }] });
    expect(await prisma.payment.count({ where: { objectId: { in: second } } })).toBe(0);
    expect(await prisma.delivery.count({ where: { objectId: { in: second } } })).toBe(0);
    const db = new Database(file(), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });
});

// PostgreSQL's writer is pipelined (lib/ingest/script.ts → runOnPostgres): an insert whose answer
// the write does not read is sent without waiting, so its failure is learnt statements later.
describe.runIf(databaseKind() === "postgresql")("group commit on PostgreSQL", () => {
  afterEach(async () => {
    await prisma.$executeRawUnsafe('DROP TRIGGER IF EXISTS "refuse_test_split" ON "InvoiceSplit"');
  });

  it("a statement that fails unanswered fails only its own delivery, and the lane goes on", async () => {
    await prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_test_split() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."refNo" LIKE 'REFUSE%' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER "refuse_test_split" BEFORE INSERT ON "InvoiceSplit" FOR EACH ROW EXECUTE FUNCTION refuse_test_split()`);
    // The supplier's account and directory rows first: two lanes adding them at once would make one
    // delivery pass for a reason of its own.
    expect((await postWebhook(ownPayment())).status).toBe(200);
    const writer = groupWriter()!;
    const before = { ...writer.stats };
    const bodies = [ownPayment(), ownPayment(), ownPayment()];
    bodies[1]!.payment.invoicesPayInfos[0].invoicePaymentAmount.splits[0].refNo = "REFUSE/1";
    const answers = await Promise.all(bodies.map((body) => postWebhook(body)));
    expect(answers.map((a) => a.status)).toEqual([200, 503, 200]);
    // Refused inside the batch first (handed on), then by the per-delivery path: kept, not stored.
    expect(writer.stats.passed - before.passed).toBe(1);
    for (const i of [0, 2]) expect(await rowsOf(bodies[i]!.payment.objectId)).toEqual({ payments: 1, messages: 1, deliveries: [{ outcome: "accepted", httpStatus: 200 }] });
    expect(await rowsOf(bodies[1]!.payment.objectId)).toEqual({ payments: 0, messages: 0, deliveries: [{ outcome: "rejected", httpStatus: 503 }] });
    expect(await prisma.invoicePayInfo.count({ where: { payment: { objectId: bodies[1]!.payment.objectId } } })).toBe(0);
    // Every lane still writes: a payment per lane's worth of keys, all stored by batches.
    const after = { ...writer.stats };
    const more = Array.from({ length: 16 }, () => ownPayment());
    const stored = await Promise.all(more.map((body) => postWebhook(body)));
    expect(stored.map((a) => a.status)).toEqual(more.map(() => 200));
    expect(writer.stats.passed - after.passed).toBe(0);
    expect(writer.stats.jobs - after.jobs).toBe(16);
  });
});
