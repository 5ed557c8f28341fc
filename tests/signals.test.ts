// Signals raised at ingest (README → Signals): an invoice settled by more than one payment, a
// supplier paid to a bank account never seen before, and a later message contradicting an earlier
// one. Each through the real route, on the real database; concurrent deliveries included.
import { describe, expect, it } from "vitest";
import { databaseKind } from "@/lib/database-url";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import { holdersQuery } from "@/lib/signals/duplicates";
import { getSignal, listSignals, openSignalCounts, reviewSignal, signalsOfPayment, verifyAccount } from "@/lib/signals/read";
import { searchInvoices } from "@/lib/signals/invoice-search";
import { ACCOUNTS } from "./support/account-shapes";
import { freshPayment, postWebhook } from "./support/webhook";
import { admin, finance, support } from "./support/viewers";

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36).toUpperCase()}${(++counter).toString(36).toUpperCase()}`;

interface InvoiceSpec {
  objectId?: string | null;
  number?: string | null;
  paid?: number;
  account?: { maskedAccountNumber: string; ifsc: string; beneficiaryName: string; businessVPA?: string };
}

/** A payment of the two-invoice example with its own invoices (so tests never share one by accident). */
function payment({ supplier, invoices, result = "SUCCESS", ts }: { supplier?: string; invoices?: InvoiceSpec[]; result?: string; ts?: string } = {}) {
  const body = freshPayment(undefined, ts ? { ts } : {});
  if (supplier) body.b2bIds.supplierB2BId = supplier;
  const template = body.payment.invoicesPayInfos[0];
  const specs = invoices ?? [{}, {}];
  body.payment.invoicesPayInfos = specs.map((spec, i) => {
    const invoice = structuredClone(body.payment.invoicesPayInfos[i] ?? template);
    invoice.objectId = spec.objectId === undefined ? unique("INV") : spec.objectId;
    invoice.supplierInvoiceNumber = spec.number === undefined ? unique("SGT/") : spec.number;
    if (spec.paid !== undefined) invoice.invoicePaymentAmount.netPaidAmount = spec.paid;
    if (spec.account) invoice.supplierBankAccountDetails = { businessVPA: "", ...spec.account };
    return invoice;
  });
  if (result === "FAILURE") {
    body.resp.result = "FAILURE";
    body.resp.errorCd = "E2003";
    body.resp.errorDtl = "Invoice version is stale";
  }
  return body;
}

const later = (body: Record<string, any>, minutes: number) => {
  const next = structuredClone(body);
  next.resp.reqMsgId = unique("REQ");
  next.payment.ts = new Date(new Date(body.payment.ts).getTime() + minutes * 60_000).toISOString();
  return next;
};

async function post(body: Record<string, any>) {
  const answer = await postWebhook(body);
  expect(answer.status, answer.body.response_message).toBe(200);
  return answer;
}

const paymentId = async (body: Record<string, any>) => (await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId } })).id;
const openSignals = async (body: Record<string, any>, kind: string) =>
  (await signalsOfPayment(await paymentId(body))).filter((s) => s.kind === kind && s.state === "open");

describe("invoices settled by more than one payment", () => {
  it("flags every settled payment of an invoice, by objectId, with the amounts at stake", async () => {
    const invoice = unique("INV");
    const first = payment({ invoices: [{ objectId: invoice, paid: 1000 }, {}] });
    const second = payment({ invoices: [{ objectId: invoice, paid: 1000 }] });
    const third = payment({ invoices: [{ objectId: invoice, paid: 250.5 }] });
    await post(first);
    expect(await openSignals(first, "duplicate-invoice")).toHaveLength(0);
    await post(second);
    await post(third);
    for (const body of [first, second, third]) expect(await openSignals(body, "duplicate-invoice"), body.payment.objectId).toHaveLength(1);
    const [signal] = await openSignals(third, "duplicate-invoice");
    const page = (await getSignal(finance, signal!.id))!;
    expect(page.duplicate!.holders.map((h) => h.objectId).sort()).toEqual([first, second, third].map((b) => b.payment.objectId).sort());
    expect(page.duplicate!.paidTogetherPaise).toBe(225_050n);
    expect(page.duplicate!.atStakePaise).toBe(125_050n);
    expect(page.signal.summary).toContain(`Invoice ${invoice}: settled by 3 payments, ₹2,250.50 together, ₹1,250.50 beyond the largest one.`);
    expect(page.related).toHaveLength(2);
  });

  it("flags the same supplier invoice number under different objectIds, whatever its spacing and case; never across suppliers", async () => {
    const supplier = unique("SUP");
    const number = `${unique("sgt/")} 77`;
    const first = payment({ supplier, invoices: [{ number }] });
    const second = payment({ supplier, invoices: [{ number: number.toUpperCase().replaceAll(" ", "") }] });
    const otherSupplier = payment({ supplier: unique("SUP"), invoices: [{ number }] });
    await post(first);
    await post(otherSupplier);
    expect(await openSignals(otherSupplier, "duplicate-invoice")).toHaveLength(0);
    await post(second);
    expect(await openSignals(first, "duplicate-invoice")).toHaveLength(1);
    expect(await openSignals(second, "duplicate-invoice")).toHaveLength(1);
    expect(await openSignals(otherSupplier, "duplicate-invoice")).toHaveLength(0);
  });

  it("flags an invoice named by both its objectId and its number once, not twice", async () => {
    const [objectId, number] = [unique("INV"), unique("SGT/")];
    const supplier = unique("SUP");
    const a = payment({ supplier, invoices: [{ objectId, number }] });
    const b = payment({ supplier, invoices: [{ objectId, number }] });
    await post(a);
    await post(b);
    expect((await openSignals(a, "duplicate-invoice")).map((s) => s.subject)).toEqual([`invoice:${objectId}`]);
    // The same number under a third objectId: now the number speaks too, for all three.
    const c = payment({ supplier, invoices: [{ number }] });
    await post(c);
    expect(await openSignals(c, "duplicate-invoice")).toHaveLength(1);
    expect(await openSignals(a, "duplicate-invoice")).toHaveLength(2);
  });

  it("ignores failed payments, and clears the flag when one of two settled payments fails after all", async () => {
    const invoice = unique("INV");
    const settled = payment({ invoices: [{ objectId: invoice }], ts: "2026-05-01T10:00:00+05:30" });
    const failed = payment({ invoices: [{ objectId: invoice }], result: "FAILURE" });
    await post(settled);
    await post(failed);
    expect(await openSignals(settled, "duplicate-invoice")).toHaveLength(0);
    const twin = payment({ invoices: [{ objectId: invoice }], ts: "2026-05-01T11:00:00+05:30" });
    await post(twin);
    expect(await openSignals(settled, "duplicate-invoice")).toHaveLength(1);
    // The twin fails after all: nothing left to flag, on either payment.
    const twinFails = later(twin, 5);
    twinFails.resp.result = "FAILURE";
    twinFails.resp.errorCd = "E1001";
    await post(twinFails);
    expect(await openSignals(settled, "duplicate-invoice")).toHaveLength(0);
    const cleared = (await signalsOfPayment(await paymentId(settled))).filter((s) => s.kind === "duplicate-invoice");
    expect(cleared.map((s) => s.state)).toEqual(["cleared"]);
    // …and it comes back when the payment succeeds again.
    const twinAgain = later(twinFails, 5);
    twinAgain.resp.result = "SUCCESS";
    twinAgain.resp.errorCd = "";
    twinAgain.resp.errorDtl = "";
    await post(twinAgain);
    expect(await openSignals(settled, "duplicate-invoice")).toHaveLength(1);
  });

  it("flags every payment when ten deliveries settle one invoice at the same instant", async () => {
    const invoice = unique("INV");
    // Each from its own supplier and buyer, so that nothing else (their directory rows) orders them.
    const bodies = Array.from({ length: 10 }, () => {
      const body = payment({ supplier: unique("SUP"), invoices: [{ objectId: invoice }] });
      body.b2bIds.buyerB2BId = unique("BUY");
      return body;
    });
    // On PostgreSQL every transaction is held for 300 ms just before its duplicate check, so all ten
    // overlap there: without the per-invoice lock none would see the others (checked by removing it).
    // SQLite runs write transactions one at a time.
    const overlap = databaseKind() === "postgresql";
    if (overlap) {
      await prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_hold() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(0.3); RETURN NULL; END $$ LANGUAGE plpgsql`);
      await prisma.$executeRawUnsafe(`CREATE TRIGGER test_hold AFTER INSERT ON "PaymentMessage" FOR EACH STATEMENT EXECUTE FUNCTION test_hold()`);
    }
    const answers = await Promise.all(bodies.map((b) => postWebhook(b))).finally(async () => {
      if (overlap) await prisma.$executeRawUnsafe(`DROP TRIGGER test_hold ON "PaymentMessage"`);
    });
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    for (const body of bodies) expect(await openSignals(body, "duplicate-invoice"), body.payment.objectId).toHaveLength(1);
    // Exactly one row per payment, however the transactions interleaved.
    expect(await prisma.paymentSignal.count({ where: { kind: "duplicate-invoice", subject: `invoice:${invoice}` } })).toBe(10);
  });

  it("keeps a reviewed flag reviewed, and lists it under reviewed, not open", async () => {
    const invoice = unique("INV");
    const a = payment({ invoices: [{ objectId: invoice }] });
    const b = payment({ invoices: [{ objectId: invoice }] });
    await post(a);
    await post(b);
    const [signal] = await openSignals(a, "duplicate-invoice");
    await expect(reviewSignal(support, signal!.id, "fine")).rejects.toThrow();
    await expect(reviewSignal(finance, signal!.id, "  ")).rejects.toThrow(/note is required/);
    await reviewSignal(finance, signal!.id, "Two instalments of one invoice, agreed with the supplier");
    await post(later(a, 1));
    const mine = (await signalsOfPayment(await paymentId(a))).find((s) => s.id === signal!.id)!;
    expect(mine.state).toBe("reviewed");
    expect(mine.reviewed).toMatchObject({ by: finance.email, note: "Two instalments of one invoice, agreed with the supplier" });
    const open = await listSignals(finance, { kind: "duplicate-invoice", state: "open" });
    expect(open.signals.some((s) => s.id === signal!.id)).toBe(false);
    const reviewed = await listSignals(finance, { kind: "duplicate-invoice", state: "reviewed" });
    expect(reviewed.signals.some((s) => s.id === signal!.id)).toBe(true);
    expect(await prisma.auditEvent.count({ where: { action: "signal.review", target: String(signal!.id) } })).toBe(1);
  });
});

describe("the duplicate check's query", () => {
  // A filter on the payments first would read every settled payment on each message (the first
  // version did: 4 ms a message and growing). SQLite's planner chooses by rule, so its plan is a
  // guard at any size; PostgreSQL's is cost-based, and a table of test size says nothing about a
  // million rows (the 1 M benchmark does).
  it.runIf(databaseKind() === "sqlite")("starts from the invoice indexes and reads each payment by its key", async () => {
    // One value and several per list: with several, a plain JOIN started from the settled payments.
    for (const [objectIds, numberKeys] of [[["INVX"], ["SGT/1"]], [["INVX", "INVY", "INVZ"], ["SGT/1", "SGT/2"]]]) {
      const plan = await prisma.$queryRaw<{ detail: string }[]>(Prisma.sql`EXPLAIN QUERY PLAN ${holdersQuery(objectIds!, numberKeys!)}`);
      expectInvoicesFirst(plan.map((p) => p.detail));
    }
  });
});

function expectInvoicesFirst(steps: string[]) {
  expect(steps.some((d) => d.includes("InvoicePayInfo_objectId_idx")), steps.join(" | ")).toBe(true);
  expect(steps.some((d) => d.includes("InvoicePayInfo_invoiceNumberKey_idx")), steps.join(" | ")).toBe(true);
  // Payments only by their key: never a search by status (it reads every settled payment's id).
  const paymentSteps = steps.filter((d) => /^(SEARCH|SCAN) (p|Payment)\b/.test(d));
  expect(paymentSteps.length, steps.join(" | ")).toBeGreaterThan(0);
  expect(new Set(paymentSteps), steps.join(" | ")).toEqual(new Set(["SEARCH p USING INTEGER PRIMARY KEY (rowid=?)"]));
  expect(steps.some((d) => /^SCAN/.test(d)), steps.join(" | ")).toBe(false);
}

describe("invoice search", () => {
  it("finds every payment that touched an invoice, by objectId or supplier invoice number, with its versions over time", async () => {
    const invoice = unique("INV");
    const number = unique("SGT/");
    const failed = payment({ invoices: [{ objectId: invoice, number }], result: "FAILURE", ts: "2026-06-01T09:00:00+05:30" });
    failed.payment.invoicesPayInfos[0].objectVersion = { currentVersion: 2, newVersion: 3 };
    const retried = later(failed, 30);
    retried.resp.result = "SUCCESS";
    retried.resp.errorCd = "";
    retried.resp.errorDtl = "";
    retried.payment.invoicesPayInfos[0].objectVersion = { currentVersion: 3, newVersion: 4 };
    const other = payment({ invoices: [{ objectId: invoice, number }], ts: "2026-06-02T09:00:00+05:30" });
    await post(failed);
    await post(retried);
    await post(other);
    for (const query of [invoice, number, ` ${number.toLowerCase()} `]) {
      const { hits } = await searchInvoices(finance, query);
      expect(hits.map((h) => h.objectId), query).toEqual([failed.payment.objectId, other.payment.objectId]);
      expect(hits[0]!.history.map((h) => [h.status, h.version, h.messageOutcome])).toEqual([["failure", "2 → 3", "accepted"], ["success", "3 → 4", "current state"]]);
      expect(hits.every((h) => h.duplicateFlagged)).toBe(true);
    }
    expect((await searchInvoices(finance, unique("NOPE"))).hits).toEqual([]);
    await expect(searchInvoices(support, invoice)).rejects.toThrow();
  });
});

describe("bank-account changes", () => {
  const account = (maskedAccountNumber: string, beneficiaryName = "SHREE GANESH TRADERS", ifsc = "HDFC0001234") => ({ maskedAccountNumber, ifsc, beneficiaryName });

  it("flags every payment to an account never seen for the supplier until an admin verifies it", async () => {
    const supplier = unique("SUP");
    const first = payment({ supplier, invoices: [{ account: account("XXXXXXXX7305") }] });
    await post(first);
    expect(await openSignals(first, "new-account")).toHaveLength(0);
    const changed = payment({ supplier, invoices: [{ account: account("XXXXXXXX4410", "SHREE GANESH TRADERS", "ICIC0004321") }] });
    await post(changed);
    const [signal] = await openSignals(changed, "new-account");
    expect(signal!.summary).toContain("XXXXXXXX4410 · ICIC0004321");
    expect(signal!.summary).toContain("compared by masked number, IFSC and name");
    const again = payment({ supplier, invoices: [{ account: account("XXXXXXXX4410", "SHREE GANESH TRADERS", "ICIC0004321") }] });
    await post(again);
    expect(await openSignals(again, "new-account")).toHaveLength(1);
    const counts = await openSignalCounts();
    expect(counts["new-account"]).toBeGreaterThanOrEqual(2);

    const accountId = Number(signal!.subject.split(":")[1]);
    await expect(verifyAccount(finance, accountId, "called the supplier")).rejects.toThrow();
    await verifyAccount(admin, accountId, "Called the supplier's accounts team on their known number");
    expect(await openSignals(changed, "new-account")).toHaveLength(0);
    expect(await openSignals(again, "new-account")).toHaveLength(0);
    const afterVerifying = payment({ supplier, invoices: [{ account: account("XXXXXXXX4410", "SHREE GANESH TRADERS", "ICIC0004321") }] });
    await post(afterVerifying);
    expect(await openSignals(afterVerifying, "new-account")).toHaveLength(0);
    // The old account is still known.
    const back = payment({ supplier, invoices: [{ account: account("XXXXXXXX7305") }] });
    await post(back);
    expect(await openSignals(back, "new-account")).toHaveLength(0);
    expect(await prisma.auditEvent.count({ where: { action: "account.verify", target: String(accountId) } })).toBe(1);
  });

  it("with masked numbers only, a changed beneficiary name counts as a new account", async () => {
    const supplier = unique("SUP");
    await post(payment({ supplier, invoices: [{ account: account("XXXXXXXX7305") }] }));
    const renamed = payment({ supplier, invoices: [{ account: account("XXXXXXXX7305", "GANESH ENTERPRISES") }] });
    await post(renamed);
    expect(await openSignals(renamed, "new-account")).toHaveLength(1);
    // Case and surrounding spaces are not a change.
    const recased = payment({ supplier, invoices: [{ account: account("XXXXXXXX7305", "  shree ganesh traders ") }] });
    await post(recased);
    expect(await openSignals(recased, "new-account")).toHaveLength(0);
  });

  it("with full numbers, tells apart two accounts sharing their last four digits, and never stores the number", async () => {
    const supplier = unique("SUP");
    const [A] = ACCOUNTS;
    const sameLastFour = `${A.slice(0, 5)}99${A.slice(7)}`; // differs only in the middle
    const first = payment({ supplier, invoices: [{ account: account(A) }] });
    await post(first);
    const second = payment({ supplier, invoices: [{ account: account(sameLastFour) }] });
    await post(second);
    const [signal] = await openSignals(second, "new-account");
    expect(signal, "a different full number with the same last four digits is a new account").toBeDefined();
    expect(signal!.summary).toContain("compared by full-number fingerprint");
    expect(signal!.summary).toContain(`XXXXXXXXXX${A.slice(-4)}`);
    // The same full number again, and the masked form of it, are the known account.
    const repeat = payment({ supplier, invoices: [{ account: account(A) }] });
    await post(repeat);
    expect(await openSignals(repeat, "new-account")).toHaveLength(0);
    const accounts = await prisma.supplierAccount.findMany({ where: { supplierB2BId: supplier } });
    expect(accounts).toHaveLength(2);
    expect(accounts.every((a) => a.fingerprint.length > 20 && a.identityKey.startsWith("f:"))).toBe(true);
    const stored = JSON.stringify([accounts, await prisma.invoicePayInfo.findMany({ where: { payment: { supplierB2BId: supplier } } }), await prisma.paymentSignal.findMany({ where: { supplierB2BId: supplier } })], (_k, v) => (typeof v === "bigint" ? String(v) : v));
    for (const digits of [A, sameLastFour]) expect(stored).not.toContain(digits.slice(0, 8));
  });

  it("an account known only by its masked number adopts the fingerprint when the full number arrives", async () => {
    const supplier = unique("SUP");
    const [, B] = ACCOUNTS;
    await post(payment({ supplier, invoices: [{ account: account(`XXXXXXXXXX${B.slice(-4)}`) }] }));
    const full = payment({ supplier, invoices: [{ account: account(B) }] });
    await post(full);
    expect(await openSignals(full, "new-account")).toHaveLength(0);
    const rows = await prisma.supplierAccount.findMany({ where: { supplierB2BId: supplier } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.identityKey.startsWith("f:")).toBe(true);
  });
});

describe("contradictions", () => {
  it("marks a failure after a success, with both messages side by side", async () => {
    const body = payment({ ts: "2026-07-01T10:00:00+05:30" });
    await post(body);
    const failure = later(body, 10);
    failure.resp.result = "FAILURE";
    failure.resp.errorCd = "E9001";
    await post(failure);
    const [signal] = await openSignals(body, "contradiction");
    expect(signal!.summary).toBe("failed after it had succeeded.");
    const page = (await getSignal(finance, signal!.id))!;
    expect(page.contradiction!.earlier).toMatchObject({ status: "success", utr: body.payment.utr });
    expect(page.contradiction!.later).toMatchObject({ status: "failure", errorCd: "E9001" });
    const ids = [page.contradiction!.earlier.messageId, page.contradiction!.later.messageId];
    expect(ids.every((id) => typeof id === "number" && page.contradiction!.deliveries[id!]! > 0)).toBe(true);
  });

  it("names each change at once: amount, UTR, supplier and invoices that disappeared", async () => {
    const body = payment({ ts: "2026-07-02T10:00:00+05:30" });
    await post(body);
    const changed = later(body, 10);
    changed.payment.paymentAmount.totalAmount = 1;
    changed.payment.utr = unique("UTR");
    changed.b2bIds.supplierB2BId = unique("SUP");
    const gone = changed.payment.invoicesPayInfos.pop();
    await post(changed);
    const [signal] = await openSignals(body, "contradiction");
    expect(signal!.detail.reasons).toEqual(["amount-changed", "utr-changed", "supplier-changed", "invoices-removed"]);
    expect(signal!.detail.removed).toEqual([gone.objectId]);
  });

  it("compares a stale message as the earlier one, and leaves the usual retry story alone", async () => {
    const body = payment({ ts: "2026-07-03T10:00:00+05:30", result: "FAILURE" });
    await post(body);
    const success = later(body, 10);
    success.resp.result = "SUCCESS";
    success.resp.errorCd = "";
    success.resp.errorDtl = "";
    await post(success);
    expect(await openSignals(body, "contradiction"), "failed, then succeeded: the usual retry").toHaveLength(0);
    // An older message arriving late, with another amount: the stored state is the later one.
    const stale = later(body, 5);
    stale.payment.paymentAmount.totalAmount = 99;
    expect((await post(stale)).ack.outcome).toBe("stale");
    const [signal] = await openSignals(body, "contradiction");
    expect(signal!.detail.reasons).toEqual(["amount-changed"]);
    expect((signal!.detail.earlier as { totalPaise: string }).totalPaise).toBe("9900");
    expect((signal!.detail.later as { status: string }).status).toBe("success");
  });
});
