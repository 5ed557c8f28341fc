import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { generateDemoMessages } from "@/lib/demo/generate-payments";
import { listDeliveries, parseDeliveryParams } from "@/lib/deliveries/list-deliveries";
import { findPaymentsByUtr, lookupUtrs, splitUtrList } from "@/lib/payments/find-by-utr";
import { getPaymentByObjectId, INLINE_BODIES } from "@/lib/payments/get-payment";
import { listHref, parseListParams, readListQuery } from "@/lib/payments/list-params";
import { listPayments, paymentWhere, talliesSource } from "@/lib/payments/list-payments";
import { formatInr } from "@/lib/money";
import { foldDailyTotals } from "@/lib/overview/daily-totals";
import { STATUSES } from "@/lib/payments/status";
import { fixture, freshPayment, postEach, postWebhook } from "./support/webhook";
import { finance } from "./support/viewers";

beforeAll(async () => {
  await postEach(Array.from(generateDemoMessages(130, 4, 7, new Date("2026-06-01T00:00:00Z")), (m) => m.text));
  // Results that are neither SUCCESS nor FAILURE, and a SUCCESS that carries an error code.
  for (const [result, errorCd] of [["PENDING", ""], ["PENDING", ""], ["IN_PROGRESS", ""], ["SUCCESS", "W100"]]) {
    const body = freshPayment(undefined, { ts: "2026-03-02T10:00:00+05:30" });
    body.resp.result = result;
    body.resp.errorCd = errorCd;
    expect((await postWebhook(body)).status).toBe(200);
  }
});

async function allPages(query: Record<string, string>, { size = "25", daySeekFrom }: { size?: string; daySeekFrom?: number } = {}) {
  const first = await listPayments(finance, parseListParams({ ...query, size }), { daySeekFrom });
  const pages = [first];
  for (let page = 2; page <= first.pageCount; page++) pages.push(await listPayments(finance, parseListParams({ ...query, size, page: String(page) }), { daySeekFrom }));
  return { total: first.total, ids: pages.flatMap((p) => p.rows.map((r) => r.objectId)) };
}

describe("listPayments", () => {
  it.each([
    [{}, "occurredAt", "desc"],
    [{ sort: "amount", dir: "asc" }, "totalPaise", "asc"],
    [{ sort: "amount", dir: "desc", result: "success" }, "totalPaise", "desc"],
  ] as const)("pages through %j in exactly the database's order, including pages read from the end", async (query, key, dir) => {
    const { total, ids } = await allPages(query);
    const where = "result" in query ? { status: query.result } : {};
    const expected = await prisma.payment.findMany({ where, orderBy: [{ [key]: dir }, { id: dir }], select: { objectId: true } });
    expect(total).toBe(expected.length);
    expect(ids).toEqual(expected.map((p) => p.objectId));
  });

  it.each([
    [{}, {}, "desc"],
    [{ dir: "asc" }, {}, "asc"],
    [{ result: "success" }, { status: "success" }, "desc"],
    [{ mode: "NEFT", dir: "asc" }, { mode: "NEFT" }, "asc"],
    [{ from: "2026-03-02", to: "2026-04-30" }, { occurredAt: { gte: new Date("2026-03-01T18:30:00Z"), lt: new Date("2026-04-30T18:30:00Z") } }, "desc"],
  ] as const)("a page of %j by its number starts from its IST day in the daily rollup, in exactly the database's order", async (query, where, dir) => {
    const expected = (await prisma.payment.findMany({ where, orderBy: [{ occurredAt: dir }, { id: dir }], select: { objectId: true } })).map((p) => p.objectId);
    expect(expected.length).toBeGreaterThan(20);
    // Pages of 3 start inside a day as often as at its first row; from the end as well as from the start.
    for (const size of ["3", "25"]) {
      const { total, ids } = await allPages(query, { size, daySeekFrom: 0 });
      expect(total).toBe(expected.length);
      expect(ids).toEqual(expected);
    }
  });

  it.each([
    [{}, "occurredAt", "desc"],
    [{ sort: "amount", dir: "asc" }, "totalPaise", "asc"],
    [{ result: "failure", dir: "asc" }, "occurredAt", "asc"],
  ] as const)("Next and Previous links read the neighbouring pages of %j from their cursors, in the database's order", async (query, key, dir) => {
    const where = "result" in query ? { status: query.result } : {};
    const expected = (await prisma.payment.findMany({ where, orderBy: [{ [key]: dir }, { id: dir }], select: { objectId: true } })).map((p) => p.objectId);
    const size = "25";
    // Forwards from page 1 by the Next links, as a user clicks them.
    let page = await listPayments(finance, parseListParams({ ...query, size }));
    const forwards = [...page.rows.map((r) => r.objectId)];
    for (let n = 2; n <= page.pageCount; n++) {
      const href = listHref(parseListParams({ ...query, size, page: String(n - 1) }), { page: n, after: page.cursors.next! });
      expect(href).toContain("after=");
      page = await listPayments(finance, parseListParams(Object.fromEntries(new URL(href, "http://x").searchParams)));
      expect(page.page).toBe(n);
      forwards.push(...page.rows.map((r) => r.objectId));
    }
    expect(forwards).toEqual(expected);
    // Backwards from the last page by the Previous links.
    const backwards = [...page.rows.map((r) => r.objectId)].reverse();
    for (let n = page.pageCount - 1; n >= 2; n--) {
      page = await listPayments(finance, parseListParams({ ...query, size, page: String(n), before: page.cursors.prev! }));
      backwards.push(...page.rows.map((r) => r.objectId).reverse());
    }
    if (page.pageCount > 1) backwards.push(...(await listPayments(finance, parseListParams({ ...query, size }))).rows.map((r) => r.objectId).reverse());
    expect(backwards.reverse()).toEqual(expected);
  });

  it("Next continues after the row the reader last saw, even when a newer payment arrived meanwhile", async () => {
    const first = await listPayments(finance, parseListParams({ size: "25" }));
    const lastSeen = first.rows[first.rows.length - 1]!.objectId;
    // A new payment at the top of the list: a page read by its number would start one row earlier.
    expect((await postWebhook(freshPayment(undefined, { ts: "2026-11-01T10:00:00+05:30" }))).status).toBe(200);
    const byNumber = await listPayments(finance, parseListParams({ size: "25", page: "2" }));
    expect(byNumber.rows[0]!.objectId).toBe(lastSeen);
    const next = await listPayments(finance, parseListParams({ size: "25", page: "2", after: first.cursors.next! }));
    const order = (await prisma.payment.findMany({ orderBy: [{ occurredAt: "desc" }, { id: "desc" }], select: { objectId: true } })).map((p) => p.objectId);
    expect(next.rows.map((r) => r.objectId)).toEqual(order.slice(order.indexOf(lastSeen) + 1, order.indexOf(lastSeen) + 26));
  });

  it("a link to a page by its number (First, Last, a filter, a sort) drops the cursor; a malformed cursor is ignored", async () => {
    const params = parseListParams({ page: "3", after: "1767225600000_42" });
    expect(params.after).toBe("1767225600000_42");
    expect(listHref(params, { page: 1 })).toBe("/payments");
    expect(listHref(params, { result: "failure", page: 1 })).toBe("/payments?result=failure");
    expect(listHref(params)).toBe("/payments?page=3&after=1767225600000_42");
    expect(parseListParams({ page: "3", after: "1' OR 1=1" }).after).toBeUndefined();
    // A cursor past every row (its rows are gone) falls back to the page's number.
    const numbered = await listPayments(finance, parseListParams({ page: "2", size: "25" }));
    const stale = await listPayments(finance, parseListParams({ page: "2", size: "25", after: "1_1" }));
    expect(stale.rows.map((r) => r.objectId)).toEqual(numbered.rows.map((r) => r.objectId));
  });

  it("counts and sums unfiltered, result, error-code, mode, type and whole-day views from the daily rollup, exactly as the payments add up", async () => {
    // A payment whose later message changes its mode: it must leave the first mode's figures.
    const moved = freshPayment(undefined, { ts: "2026-03-03T10:00:00+05:30" });
    moved.payment.mode = "NEFT";
    expect((await postWebhook(moved)).status).toBe(200);
    const update = structuredClone(moved);
    update.resp.reqMsgId = `${moved.resp.reqMsgId}U`;
    update.payment.ts = "2026-03-03T11:00:00+05:30";
    update.payment.mode = "RTGS";
    expect((await postWebhook(update)).status).toBe(200);
    expect((await prisma.payment.findUniqueOrThrow({ where: { objectId: moved.payment.objectId } })).mode).toBe("RTGS");
    const failed = await prisma.payment.findFirstOrThrow({ where: { status: "failure" }, select: { errorCd: true } });
    const views = [
      {}, { result: "failure" }, { result: "success" }, { errorCd: failed.errorCd }, { from: "2026-03-02", to: "2026-06-01" }, { result: "other", from: "2026-03-02" },
      { mode: "NEFT" }, { mode: "RTGS", from: "2026-03-03", to: "2026-03-03" }, { type: "OFFPLATFORM" }, { mode: "NEFT", type: "ONPLATFORM", result: "failure" },
    ];
    for (const query of views) {
      const params = parseListParams(query);
      // No count over the payments on these pages: the unfiltered list costs what a filtered one does.
      expect(talliesSource(params), JSON.stringify(query)).toBe("rollup");
      const view = await listPayments(finance, params);
      const rows = await prisma.payment.findMany({ where: paymentWhere(params), select: { status: true, totalPaise: true } });
      expect(rows.length, JSON.stringify(query)).toBeGreaterThan(0);
      for (const status of STATUSES) {
        const mine = rows.filter((r) => r.status === status);
        expect(view.byStatus[status], `${JSON.stringify(query)} ${status}`).toEqual({ count: mine.length, amount: formatInr(mine.reduce((sum, r) => sum + r.totalPaise, 0n)) });
      }
    }
    expect(talliesSource(parseListParams({ mode: "NEFT", min: "1,00,000" }))).toBe("index");
    expect(talliesSource(parseListParams({ supplier: "SUP" }))).toBe("index");
  });

  it("a view's totals follow every change to the rollup at once: a new payment, an update that moves one, a fold", async () => {
    const views = [{}, { result: "success" }, { mode: "NEFT" }, { from: "2026-03-02", to: "2026-06-01" }].map((q) => parseListParams(q));
    const expected = async () =>
      Promise.all(views.map(async (params) => {
        const rows = await prisma.payment.findMany({ where: paymentWhere(params), select: { totalPaise: true } });
        return { count: rows.length, amount: formatInr(rows.reduce((sum, r) => sum + r.totalPaise, 0n)) };
      }));
    const shown = async () => Promise.all(views.map(async (params) => (await listPayments(finance, params)).all));
    expect(await shown()).toEqual(await expected());
    expect(await shown()).toEqual(await expected()); // read again, unchanged: possibly kept
    const body = freshPayment();
    body.payment.ts = "2026-04-01T10:00:00+05:30";
    expect((await postWebhook(body)).status).toBe(200);
    const before = (await listPayments(finance, views[0]!)).all.count;
    expect(await shown()).toEqual(await expected());
    const update = structuredClone(body);
    update.resp.reqMsgId = `${body.resp.reqMsgId}U`;
    update.payment.ts = "2026-04-01T11:00:00+05:30";
    update.payment.mode = "IMPS";
    update.resp.result = "FAILURE";
    update.resp.errorCd = "E1001";
    expect((await postWebhook(update)).status).toBe(200);
    expect(await shown()).toEqual(await expected());
    expect(await foldDailyTotals()).toBeGreaterThan(0);
    expect(await shown()).toEqual(await expected());
    expect((await listPayments(finance, views[0]!)).all.count).toBe(before);
  });

  it("filters by result, mode, amount range and IST date range", async () => {
    for (const result of STATUSES) {
      const view = await listPayments(finance, parseListParams({ result }));
      expect(view.total, result).toBeGreaterThan(0);
      expect(view.rows.every((r) => r.status === result)).toBe(true);
      expect(view.byStatus[result].count).toBe(view.total);
    }

    const neft = await listPayments(finance, parseListParams({ mode: "NEFT", min: "1,00,000", max: "50,00,000" }));
    const expected = await prisma.payment.count({ where: { mode: "NEFT", totalPaise: { gte: 10_000_000n, lte: 500_000_000n } } });
    expect(expected).toBeGreaterThan(0);
    expect(neft.total).toBe(expected);

    const oneDay = await listPayments(finance, parseListParams({ from: "2026-03-02", to: "2026-03-02" }));
    const dayCount = await prisma.payment.count({ where: { occurredAt: { gte: new Date("2026-03-01T18:30:00Z"), lt: new Date("2026-03-02T18:30:00Z") } } });
    expect(dayCount).toBeGreaterThan(0);
    expect(oneDay.total).toBe(dayCount);
  });

  it("splits the view's totals into settled, failed and other results, exact to the paisa", async () => {
    const view = await listPayments(finance, parseListParams({}));
    const rows = await prisma.payment.findMany({ select: { status: true, result: true, totalPaise: true } });
    for (const status of STATUSES) {
      const mine = rows.filter((r) => r.status === status);
      expect(mine.length, status).toBeGreaterThan(0);
      expect(view.byStatus[status]).toEqual({ count: mine.length, amount: formatInr(mine.reduce((sum, r) => sum + r.totalPaise, 0n)) });
    }
    expect(view.all.count).toBe(rows.length);
    // PENDING is counted as itself, never as a failure; SUCCESS with an error code is not settled.
    expect(rows.filter((r) => r.result === "PENDING").every((r) => r.status === "other")).toBe(true);
    const pending = await listPayments(finance, parseListParams({ result: "other" }));
    expect(pending.rows.map((r) => r.statusLabel).sort()).toEqual(["IN_PROGRESS", "PENDING", "PENDING", "SUCCESS"]);
  });

  it("clamps a page past the end to the last page", async () => {
    const page = await listPayments(finance, parseListParams({ page: "9999", size: "25" }));
    expect(page.page).toBe(page.pageCount);
    expect(page.rows.length).toBeGreaterThan(0);
  });
});

describe("list URL state", () => {
  it("falls back to defaults for malformed paging and sorting, and omits defaults from links", () => {
    const params = parseListParams({ page: "-3", size: "7", sort: "drop table", dir: "up", result: "maybe", warnings: "1" });
    expect(params).toMatchObject({ page: 1, size: 50, sort: "time", dir: "desc", result: "all", warnings: "1" });
    expect(listHref(params, { page: 2 })).toBe("/payments?page=2&warnings=1");
  });

  it.each([
    [{ from: "2025-02-30" }, "from", /not a real calendar date/],
    [{ to: "2025-13-01" }, "to", /not a real calendar date/],
    [{ min: "abc" }, "min", /not an amount/],
    [{ max: "1.234" }, "max", /not an amount/],
    [{ from: "2025-07-20", to: "2025-07-10" }, "to", /before the From date/],
    [{ min: "5,000", max: "100" }, "max", /less than the Min amount/],
    [{ supplier: "S".repeat(101) }, "supplier", /longer than 100/],
  ])("reports %j as a problem with %s instead of dropping it", (query, field, message) => {
    const { errors } = readListQuery(query);
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field as keyof typeof errors]).toMatch(message);
  });

  it("reads real dates and amounts without complaint", () => {
    expect(readListQuery({ from: "2024-02-29", to: "2024-03-01", min: "₹1,50,000.50", max: "2,00,000" }).errors).toEqual({});
  });
});

describe("UTR search", () => {
  it("normalises input and finds exact, prefix and substring matches", async () => {
    const { utr, objectId } = await prisma.payment.findFirstOrThrow({ where: { mode: "NEFT" }, select: { utr: true, objectId: true } });
    expect(await findPaymentsByUtr(finance, `  ${utr.toLowerCase()} `)).toEqual({ kind: "exact", objectId });
    const prefix = await findPaymentsByUtr(finance, utr.slice(0, 5).toLowerCase());
    expect(prefix.kind).toBe("candidates");
    if (prefix.kind === "candidates") expect(prefix.rows.every((r) => r.utr.startsWith(utr.slice(0, 5)))).toBe(true);
    const tail = await findPaymentsByUtr(finance, utr.slice(-8));
    expect(tail).toMatchObject({ kind: "candidates", exact: false });
    expect(tail.kind === "candidates" && tail.rows.map((r) => r.objectId)).toContain(objectId);
    expect(await findPaymentsByUtr(finance, "ZZZZ-NOT-THERE")).toEqual({ kind: "none", deliveries: [] });
  });

  it("treats LIKE wildcards in the input as text, not as patterns", async () => {
    for (const input of ["%%%%", "____", `%${"0".repeat(3)}%`, "\\\\"]) {
      expect(await findPaymentsByUtr(finance, input), input).toEqual({ kind: "none", deliveries: [] });
    }
  });

  it("bulk lookup splits pasted text and reports found / failed / not found", async () => {
    // UTRs carried by exactly one payment each, so that each has one answer.
    const unique = async (status: string) => {
      const candidates = await prisma.payment.findMany({ where: { status }, select: { utr: true, utrNormalized: true } });
      for (const c of candidates) if ((await prisma.payment.count({ where: { utrNormalized: c.utrNormalized } })) === 1) return c.utr;
      throw new Error(`no ${status} payment with a UTR of its own`);
    };
    const ok = await unique("success");
    const bad = await unique("failure");
    const { utrs, merged } = splitUtrList(`${ok}\n${bad.toLowerCase()},  NOPE ;${ok}\t${ok.toLowerCase()}`);
    expect(utrs).toHaveLength(3);
    expect(merged).toBe(2);
    const rows = await lookupUtrs(finance, utrs);
    expect(rows.map((r) => r.status)).toEqual(["found", "failed", "not-found"]);
    expect(rows[0]!.payments[0]!.supplierId).not.toBe("");
  });
});

describe("a payment's delivery history", () => {
  it("carries raw bodies for the newest deliveries only, counts them all, and the log filters by payment", async () => {
    const body = fixture("resp-pay-success-two-invoices-neft.json");
    body.payment.objectId = "PMTmanyRetries0000000000000000000001";
    body.resp.reqMsgId = "RETRIED-MANY-TIMES";
    const retries = INLINE_BODIES + 5;
    for (let i = 0; i < retries; i++) expect((await postWebhook(body)).status).toBe(200);
    const rejected = await postWebhook({ ...body, payment: { ...body.payment, paymentAmount: null } });
    expect(rejected.status).toBe(422);

    const detail = (await getPaymentByObjectId(finance, body.payment.objectId))!;
    expect(detail.deliveryCount).toBe(retries + 1);
    expect(detail.deliveries.map((d) => d.outcome)).toEqual(["rejected", ...Array(retries - 1).fill("duplicate"), "accepted"]);
    expect(detail.deliveries.filter((d) => "body" in d).map((d) => d.id)).toEqual(detail.deliveries.slice(0, INLINE_BODIES).map((d) => d.id));

    const log = await listDeliveries(finance, parseDeliveryParams({ objectId: ` ${body.payment.objectId} `, size: "10" }));
    expect(log.rows).toHaveLength(10);
    expect(log.rows.every((d) => d.objectId === body.payment.objectId)).toBe(true);
    expect(log.rows[0]!.outcome).toBe("rejected");
    const older = await listDeliveries(finance, parseDeliveryParams({ objectId: body.payment.objectId, before: String(log.nextBefore), size: "200" }));
    expect(log.rows.length + older.rows.length).toBe(retries + 1);
  });
});
