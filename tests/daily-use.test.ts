// Daily use (issue 10), through the real route and database: the supplier and buyer directory kept
// at ingest and its search, a payment's story (timeline, marks) whatever order messages arrive in,
// error codes in plain words, and the bulk lookup's rejected-only UTRs.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { fillMessageSummaries } from "@/lib/maintenance/stored-data";
import { findParty, resolvePartyFilter, searchParties } from "@/lib/parties/search";
import { getPartyPage } from "@/lib/parties/party-page";
import { lookupUtrs } from "@/lib/payments/find-by-utr";
import { getPaymentByObjectId } from "@/lib/payments/get-payment";
import { listErrorCodes, listErrorCodeTable, saveErrorCode } from "@/lib/payments/error-codes";
import { listPayments } from "@/lib/payments/list-payments";
import { parseListParams } from "@/lib/payments/list-params";
import { freshPayment, postWebhook } from "./support/webhook";
import { admin, finance, support } from "./support/viewers";

/** A payment of the two-invoice example to a named supplier, with its amounts kept consistent. */
function paymentTo(supplier: { id: string; name: string; account?: string }, options: { ts: string; result?: string; errorCd?: string; errorDtl?: string; rupees?: number; reqMsgId?: string; buyer?: string }, base = freshPayment()) {
  const body = structuredClone(base);
  body.b2bIds.supplierB2BId = supplier.id;
  if (options.buyer) body.b2bIds.buyerB2BId = options.buyer;
  body.payment.ts = options.ts;
  body.resp.result = options.result ?? "SUCCESS";
  body.resp.errorCd = options.errorCd ?? "";
  body.resp.errorDtl = options.errorDtl ?? "";
  body.resp.errorField = "";
  if (options.reqMsgId) body.resp.reqMsgId = options.reqMsgId;
  if (options.rupees !== undefined) {
    const rupees = options.rupees;
    body.payment.paymentAmount = { netPaidAmount: rupees, netAdjustmentAmount: 0, totalAmount: rupees, currency: "INR" };
    body.payment.invoicesPayInfos = body.payment.invoicesPayInfos.slice(0, 1);
    const invoice = body.payment.invoicesPayInfos[0];
    invoice.invoicePaymentAmount = { netPaidAmount: rupees, netAdjustmentAmount: 0, totalAmount: rupees, currency: "INR", splits: [] };
  }
  for (const invoice of body.payment.invoicesPayInfos) {
    invoice.supplierBankAccountDetails = { ...invoice.supplierBankAccountDetails, beneficiaryName: supplier.name, maskedAccountNumber: supplier.account ?? "XXXXXXXX1111", ifsc: "SBIN0001234" };
  }
  return body;
}

const ACME = { id: "ACMESTEEL7781", name: "Acme Steel & Wire (India) Pvt Ltd" };
const DEVA = { id: "DEVA_TRADERS%01", name: "देवा ट्रेडर्स" };
const ORBIT = { id: "ORBITPACK5520", name: "ORBIT PACKAGING" };

beforeAll(async () => {
  expect((await postWebhook(paymentTo(ACME, { ts: "2026-11-02T10:00:00+05:30", buyer: "NIMBUS01" }))).status).toBe(200);
  expect((await postWebhook(paymentTo(DEVA, { ts: "2026-11-03T10:00:00+05:30", buyer: "NIMBUS01" }))).status).toBe(200);
  expect((await postWebhook(paymentTo(ORBIT, { ts: "2026-11-04T10:00:00+05:30", buyer: "NIMBUS02" }))).status).toBe(200);
});

describe("supplier and buyer search", () => {
  it("finds by name or id, in any case, by prefix or substring, prefixes first", async () => {
    const ids = async (q: string, kind: "supplier" | "buyer" = "supplier") => (await searchParties(finance, kind, q)).map((p) => p.b2bId);
    expect(await ids("acme")).toEqual([ACME.id]);
    expect(await ids("STEEL & WIRE")).toEqual([ACME.id]);
    expect(await ids("7781")).toEqual([ACME.id]);
    expect(await ids("pack")).toEqual([ORBIT.id]);
    expect(await ids("ट्रेडर्स")).toEqual([DEVA.id]);
    expect(await ids("nimbus", "buyer")).toEqual(expect.arrayContaining(["NIMBUS01", "NIMBUS02"]));
    expect(await ids("nimbus")).toEqual([]);
    expect(await ids("   ")).toEqual([]);
  });

  it("matches LIKE's wildcards and PostgreSQL's escape character literally", async () => {
    const ids = async (q: string) => (await searchParties(finance, "supplier", q)).map((p) => p.b2bId);
    expect(await ids("_traders%")).toEqual([DEVA.id]);
    expect(await ids("%")).toEqual([DEVA.id]);
    expect(await ids("_")).toEqual([DEVA.id]);
    expect(await ids("\\")).toEqual([]);
    expect(await ids("x\\")).toEqual([]);
  });

  it("puts an exact id first however many ids share its start", async () => {
    for (const n of [1, ...Array.from({ length: 14 }, (_, i) => 10 + i)]) {
      expect((await postWebhook(paymentTo({ id: `MANYSUP${n}`, name: `Many ${n}` }, { ts: "2026-11-08T10:00:00+05:30" }))).status).toBe(200);
    }
    const found = await searchParties(finance, "supplier", "manysup1");
    expect(found).toHaveLength(10);
    expect(found[0]!.b2bId).toBe("MANYSUP1");
  });

  it("is for the roles that browse payments", async () => {
    await expect(searchParties(support, "supplier", "acme")).rejects.toThrow();
  });

  it("reads what the list's filter was given: an id as is, a name matching one supplier, none or several", async () => {
    expect(await resolvePartyFilter(finance, "supplier", ACME.id)).toEqual({ kind: "exact" });
    expect(await resolvePartyFilter(finance, "supplier", "acme steel")).toEqual({ kind: "one", b2bId: ACME.id });
    expect(await resolvePartyFilter(finance, "supplier", "no such one")).toEqual({ kind: "none" });
    expect(await resolvePartyFilter(finance, "buyer", "nimbus")).toEqual({ kind: "many", count: 2 });
  });

  it("keeps the newest name, and a message without one keeps the name seen before", async () => {
    const renamed = { ...ORBIT, name: "Orbit Packaging LLP" };
    expect((await postWebhook(paymentTo(renamed, { ts: "2026-11-05T10:00:00+05:30" }))).status).toBe(200);
    expect((await findParty(finance, "supplier", ORBIT.id))?.name).toBe("Orbit Packaging LLP");
    const nameless = paymentTo(ORBIT, { ts: "2026-11-06T10:00:00+05:30" });
    for (const invoice of nameless.payment.invoicesPayInfos) delete invoice.supplierBankAccountDetails.beneficiaryName;
    expect((await postWebhook(nameless)).status).toBe(200);
    expect((await findParty(finance, "supplier", ORBIT.id))?.name).toBe("Orbit Packaging LLP");
    expect((await searchParties(finance, "supplier", "llp")).map((p) => p.b2bId)).toEqual([ORBIT.id]);
  });

  it("keeps one row per supplier under concurrent first deliveries", async () => {
    const fresh = { id: "CONCURRENT9901", name: "Concurrent Co" };
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => postWebhook(paymentTo({ ...fresh, account: `XXXXXXXX${2000 + (i % 2)}` }, { ts: "2026-11-07T10:00:00+05:30" }))));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(await prisma.party.count({ where: { kind: "supplier", b2bId: fresh.id } })).toBe(1);
    expect(await prisma.supplierAccount.count({ where: { supplierB2BId: fresh.id } })).toBe(2);
  });
});

describe("a supplier's page", () => {
  it("totals the period, lists failures with reasons, invoices paid and the accounts seen", async () => {
    const supplier = { id: "KAVYA4410", name: "KAVYA TEXTILES" };
    const sent = [
      paymentTo(supplier, { ts: "2026-10-31T23:59:00+05:30", rupees: 100 }),
      paymentTo({ ...supplier, account: "XXXXXXXX9999" }, { ts: "2026-11-01T00:00:00+05:30", rupees: 200.5 }),
      paymentTo(supplier, { ts: "2026-11-10T12:00:00+05:30", result: "FAILURE", errorCd: "E1001", errorDtl: "Beneficiary account is closed", rupees: 300 }),
    ];
    for (const body of sent) expect((await postWebhook(body)).status).toBe(200);
    const november = (await getPartyPage(finance, "supplier", supplier.id, { from: "2026-11-01", to: "2026-11-30" }))!;
    expect(november.list.byStatus.success).toEqual({ count: 1, amount: "₹200.50" });
    expect(november.list.byStatus.failure).toEqual({ count: 1, amount: "₹300.00" });
    expect(november.failures).toEqual([expect.objectContaining({ errorCd: "E1001", reason: "Beneficiary account is closed", count: 1, amount: "₹300.00" })]);
    expect(november.invoices.map((i) => i.paid)).toEqual(["₹200.50"]);
    expect(november.accounts.map((a) => a.maskedAccountNumber).sort()).toEqual(["XXXXXXXX1111", "XXXXXXXX9999"]);
    const allTime = (await getPartyPage(finance, "supplier", supplier.id, {}))!;
    expect(allTime.list.byStatus.success.count).toBe(2);
    expect(await getPartyPage(finance, "supplier", "NOBODY", {})).toBeNull();
    await expect(getPartyPage(support, "supplier", supplier.id, {})).rejects.toThrow();
    const audited = await prisma.auditEvent.count({ where: { action: "supplier.view", target: supplier.id } });
    expect(audited).toBe(2);
  });
});

describe("a payment's story", () => {
  it("tells failed-then-succeeded and a late older message in words, and marks the payment", async () => {
    const base = freshPayment();
    const send = (options: Parameters<typeof paymentTo>[1]) => postWebhook(paymentTo(ACME, options, base));
    expect((await send({ ts: "2026-11-20T10:02:00+05:30", result: "FAILURE", errorCd: "E2001", errorDtl: "Invoice already paid", reqMsgId: "M1", rupees: 500 })).status).toBe(200);
    expect((await send({ ts: "2026-11-20T11:40:00+05:30", reqMsgId: "M2", rupees: 500 })).status).toBe(200);
    expect((await send({ ts: "2026-11-20T11:40:00+05:30", reqMsgId: "M2", rupees: 500 })).status).toBe(200); // a retry
    expect((await send({ ts: "2026-11-20T09:00:00+05:30", reqMsgId: "M0", rupees: 450 })).status).toBe(200); // older, late

    const detail = (await getPaymentByObjectId(finance, base.payment.objectId))!;
    expect(detail.succeededAfterFailing).toBe(true);
    expect(detail.amountChanged).toBe(true);
    const story = detail.story.entries;
    expect(story.map((e) => [e.headline, e.tone, e.current])).toEqual([
      ["Failed · E2001", "failure", false],
      ["Succeeded", "success", true],
      ["Succeeded", "review", false],
    ]);
    expect(story[0]!.details).toEqual(["Invoice already paid", "Amount ₹500.00.", "First message about this payment."]);
    expect(story[0]!.at).toBe("20 Nov 2026, 10:02:00 IST");
    expect(story[1]!.deliveries.count).toBe(2);
    expect(story[2]!.details).toEqual(["Amount ₹450.00 (was ₹500.00).", "Older than the current state: kept for the record, not applied."]);

    const row = (await listPayments(finance, parseListParams({ supplier: ACME.id }))).rows.find((r) => r.objectId === base.payment.objectId)!;
    expect(row).toMatchObject({ status: "success", succeededAfterFailing: true, amountChanged: true });
  });

  it("is the same when the success arrives before the failure it followed", async () => {
    const base = freshPayment();
    const send = (options: Parameters<typeof paymentTo>[1]) => postWebhook(paymentTo(ACME, options, base));
    await send({ ts: "2026-11-21T11:40:00+05:30", reqMsgId: "N2" });
    await send({ ts: "2026-11-21T10:02:00+05:30", result: "FAILURE", errorCd: "E2001", reqMsgId: "N1" });
    const detail = (await getPaymentByObjectId(finance, base.payment.objectId))!;
    expect(detail).toMatchObject({ status: "success", succeededAfterFailing: true, amountChanged: false });
  });

  it("is rebuilt for messages stored before summaries existed", async () => {
    const base = freshPayment();
    await postWebhook(paymentTo(ACME, { ts: "2026-11-22T10:00:00+05:30", result: "FAILURE", errorCd: "E3001", reqMsgId: "P1", rupees: 10 }, base));
    await postWebhook(paymentTo(ACME, { ts: "2026-11-22T11:00:00+05:30", reqMsgId: "P2", rupees: 11 }, base));
    const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: base.payment.objectId } });
    // As an earlier version left them: no summaries, no flags.
    await prisma.paymentMessage.updateMany({ where: { paymentId: payment.id }, data: { status: null, result: null, errorCd: null, errorDtl: null, totalPaise: null, utr: null } });
    await prisma.payment.update({ where: { id: payment.id }, data: { hadFailure: false, amountChanged: false } });
    const result = await fillMessageSummaries();
    expect(result.messages).toBeGreaterThanOrEqual(2);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ hadFailure: true, amountChanged: true });
    const messages = await prisma.paymentMessage.findMany({ where: { paymentId: payment.id }, orderBy: { id: "asc" } });
    expect(messages.map((m) => [m.status, m.errorCd, m.totalPaise])).toEqual([["failure", "E3001", 1000n], ["success", "", 1100n]]);
    expect(await fillMessageSummaries()).toEqual({ messages: 0, payments: 0 });
  });
});

describe("error codes in plain words", () => {
  it("the filter offers every code that payments carry, once each, in order, and no empty one", async () => {
    // Codes that sort around each other and a payment that failed without one.
    const codes = ["E10", "E1", "E9", "E1", "e1", "E2 ", "E10"];
    for (const [i, errorCd] of codes.entries()) {
      await postWebhook(paymentTo(ACME, { ts: `2026-11-2${i}T10:00:00+05:30`, result: "FAILURE", errorCd, errorDtl: "Declined" }));
    }
    await postWebhook(paymentTo(ACME, { ts: "2026-11-20T11:00:00+05:30", result: "FAILURE", errorCd: "", errorDtl: "Declined" }));
    // In the database's own order (its collation), as the filter lists them.
    const carried = await prisma.payment.groupBy({ by: ["errorCd"], where: { errorCd: { not: "" } }, orderBy: { errorCd: "asc" } });
    const expected = carried.map((g) => g.errorCd);
    expect(expected).toEqual(expect.arrayContaining(["E1", "E10", "E9", "e1"]));
    expect((await listErrorCodes(finance)).map((c) => c.code)).toEqual(expected);
  });

  it("an admin's description replaces EnKash's text in lists; removing it brings EnKash's back; audited", async () => {
    const body = paymentTo(ACME, { ts: "2026-11-23T10:00:00+05:30", result: "FAILURE", errorCd: "E9090", errorDtl: "Remitter bank not reachable" });
    await postWebhook(body);
    const reason = async () => (await listPayments(finance, parseListParams({ errorCd: "E9090" }))).rows[0]!.reason;
    expect(await reason()).toBe("Remitter bank not reachable");
    await expect(saveErrorCode(finance, { code: "E9090", description: "x" })).rejects.toThrow();
    expect(await saveErrorCode(admin, { code: " E9090 ", description: "  Buyer's bank is down: EnKash retries within the hour " })).toBe("saved");
    expect(await reason()).toBe("Buyer's bank is down: EnKash retries within the hour");
    expect((await listErrorCodes(finance)).find((c) => c.code === "E9090")?.description).toBe("Buyer's bank is down: EnKash retries within the hour");
    const entry = (await listErrorCodeTable(admin)).find((e) => e.code === "E9090")!;
    expect(entry).toMatchObject({ enkashText: "Remitter bank not reachable", updatedBy: admin.email });
    const detail = (await getPaymentByObjectId(finance, body.payment.objectId))!;
    expect(detail.failure?.description).toBe("Buyer's bank is down: EnKash retries within the hour");
    await expect(saveErrorCode(admin, { code: "", description: "x" })).rejects.toThrow("Enter the error code.");
    await expect(saveErrorCode(admin, { code: "E1", description: "x".repeat(201) })).rejects.toThrow(/under 200/);
    expect(await saveErrorCode(admin, { code: "E9090", description: "" })).toBe("removed");
    expect(await reason()).toBe("Remitter bank not reachable");
    expect(await prisma.auditEvent.count({ where: { action: { in: ["error-code.save", "error-code.remove"] }, target: "E9090" } })).toBe(2);
  });
});

describe("bulk lookup", () => {
  it("says when a UTR was seen only on a refused delivery, and names the supplier", async () => {
    const refused = freshPayment();
    refused.payment.utr = "REFUSEDONLY7781";
    refused.payment.paymentAmount = null;
    expect((await postWebhook(refused)).status).toBe(422);
    const paid = paymentTo(ACME, { ts: "2026-11-24T10:00:00+05:30" });
    await postWebhook(paid);
    const rows = await lookupUtrs(support, ["refusedonly7781", paid.payment.utr, "NOTHING0000"]);
    expect(rows.map((r) => r.status)).toEqual(["rejected", "found", "not-found"]);
    expect(rows[0]!.rejectedDelivery?.reason).toMatch(/paymentAmount/);
    expect(rows[1]!.payments[0]).toMatchObject({ supplierId: ACME.id, supplierName: ACME.name });
  });
});
