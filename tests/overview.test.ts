// The overview (issue 11): every figure equals the list it links to, with payments on both sides
// of IST midnight and of the financial-year boundary (31 March / 1 April), results that change,
// messages that move a payment to another day, and stale ones that must not count.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { foldDailyTotals, readDailyTotals } from "@/lib/overview/daily-totals";
import { getOverview, topParties, type Figure } from "@/lib/overview/overview";
import { namedPeriod, PERIOD_KEYS, readPeriodQuery, type Period } from "@/lib/overview/periods";
import { parseListParams } from "@/lib/payments/list-params";
import { listPayments } from "@/lib/payments/list-payments";
import { migrationBackfill } from "./support/migrations";
import { freshPayment, postWebhook } from "./support/webhook";
import { finance, support } from "./support/viewers";

// "Now" for the named periods: 2 April 2026, 10:00 IST (FY 2026–27 has just begun).
const NOW = new Date("2026-04-02T04:30:00Z");

interface Sent {
  body: Record<string, any>;
}

function payment(ts: string, opts: { result?: string; errorCd?: string; amount?: number; supplier?: string; buyer?: string } = {}): Sent {
  const body = freshPayment(undefined, { ts });
  if (opts.result) body.resp.result = opts.result;
  body.resp.errorCd = opts.errorCd ?? "";
  if (opts.errorCd) body.resp.errorDtl = `Refused: ${opts.errorCd}`;
  if (opts.supplier) body.b2bIds.supplierB2BId = opts.supplier;
  if (opts.buyer) body.b2bIds.buyerB2BId = opts.buyer;
  if (opts.amount !== undefined) {
    const a = body.payment.paymentAmount;
    a.totalAmount = opts.amount;
    a.netPaidAmount = opts.amount;
    a.netAdjustmentAmount = 0;
  }
  return { body };
}

async function send(sent: Sent) {
  expect((await postWebhook(sent.body)).status).toBe(200);
}

/** A later message about the same payment (new reqMsgId, later ts). */
function update(sent: Sent, ts: string, change: (body: Record<string, any>) => void): Sent {
  const body = structuredClone(sent.body);
  body.resp.reqMsgId = `${body.resp.reqMsgId}-u${ts}`;
  body.payment.ts = ts;
  change(body);
  return { body };
}

beforeAll(async () => {
  const at = [
    // Either side of IST midnight on 31 March / 1 April 2026 (the FY boundary): 23:59:59 and 00:00:00 IST.
    "2026-03-31T23:59:59+05:30", "2026-04-01T00:00:00+05:30", "2026-04-01T00:00:01+05:30",
    // 18:29:59Z is still 1 April in IST; 18:30:00Z is 2 April.
    "2026-04-01T18:29:59Z", "2026-04-01T18:30:00Z",
    "2026-03-15T12:00:00+05:30", "2026-02-27T09:00:00+05:30", "2025-04-01T00:00:00+05:30", "2025-03-31T23:59:00+05:30",
  ];
  const suppliers = ["SUP-OV-A", "SUP-OV-B", "SUP-OV-C"];
  let n = 0;
  for (const ts of at) {
    for (const [result, errorCd] of [["SUCCESS", ""], ["FAILURE", "E2001"], ["FAILURE", "E4010"], ["FAILURE", ""], ["PENDING", ""], ["SUCCESS", "W01"]] as const) {
      n += 1;
      await send(payment(ts, { result, errorCd, amount: 1000 + n * 17.35, supplier: suppliers[n % 3], buyer: n % 2 ? "BUY-OV-1" : "BUY-OV-2" }));
    }
  }
  // A failure that later succeeded; a payment whose newer message moves it across IST midnight to
  // 2 April and changes its amount; a stale message (older ts) that must change nothing.
  const retried = payment("2026-04-01T10:00:00+05:30", { result: "FAILURE", errorCd: "E2001", amount: 500.05, supplier: "SUP-OV-A" });
  await send(retried);
  await send(update(retried, "2026-04-01T11:00:00+05:30", (b) => { b.resp.result = "SUCCESS"; b.resp.errorCd = ""; }));
  const moved = payment("2026-04-01T23:50:00+05:30", { amount: 250, supplier: "SUP-OV-B" });
  await send(moved);
  await send(update(moved, "2026-04-02T00:10:00+05:30", (b) => { b.payment.paymentAmount.totalAmount = 300.5; b.payment.paymentAmount.netPaidAmount = 300.5; }));
  await send(update(moved, "2026-04-01T23:55:00+05:30", (b) => { b.resp.result = "FAILURE"; b.resp.errorCd = "E9999"; }));
}, 300_000);

/** The list a figure links to, read through the list's own code. */
async function listOf(href: string) {
  const [, query = ""] = href.split("?");
  return listPayments(finance, parseListParams(Object.fromEntries(new URLSearchParams(query))));
}

async function expectEqualsItsList(figure: Figure) {
  const list = await listOf(figure.href);
  expect({ href: figure.href, count: figure.count, amount: figure.amount }).toEqual({ href: figure.href, count: list.total, amount: list.all.amount });
}

const periods: Period[] = [
  ...PERIOD_KEYS.map((key) => namedPeriod(key, NOW)),
  readPeriodQuery({ from: "2026-03-31", to: "2026-04-01" }, NOW).period,
  readPeriodQuery({ from: "2026-04-01", to: "2026-04-01" }, NOW).period,
  readPeriodQuery({ from: "2025-01-01", to: "2026-12-31" }, NOW).period,
];

describe("overview", () => {
  it("names the periods in IST, with the Indian financial year from 1 April", () => {
    const fy = namedPeriod("fy", NOW);
    expect([fy.from, fy.to, fy.label]).toEqual(["2026-04-01", "2026-04-02", "This financial year (FY 2026–27)"]);
    expect(namedPeriod("last-fy", NOW)).toMatchObject({ from: "2025-04-01", to: "2026-03-31", previous: { from: "2024-04-01", to: "2025-03-31" } });
    // 31 March 20:00 UTC is already 1 April 01:30 in IST.
    expect(namedPeriod("today", new Date("2026-03-31T20:00:00Z"))).toMatchObject({ from: "2026-04-01", previous: { from: "2026-03-31", to: "2026-03-31" } });
    expect(namedPeriod("7d", NOW)).toMatchObject({ from: "2026-03-27", to: "2026-04-02", previous: { from: "2026-03-20", to: "2026-03-26" } });
    expect(namedPeriod("fy", new Date("2026-11-26T06:00:00Z"))).toMatchObject({ from: "2026-04-01", to: "2026-11-26", previous: { from: "2025-04-01", to: "2025-11-26" } });
    expect(namedPeriod("this-month", new Date("2026-03-30T06:00:00Z"))).toMatchObject({ from: "2026-03-01", to: "2026-03-30", previous: { from: "2026-02-01", to: "2026-02-28" } });
    expect(namedPeriod("fy", new Date("2028-02-29T06:00:00Z")).previous).toEqual({ from: "2026-04-01", to: "2027-02-28" });
    expect(namedPeriod("last-month", NOW)).toMatchObject({ from: "2026-03-01", to: "2026-03-31", previous: { from: "2026-02-01", to: "2026-02-28" } });
    expect(readPeriodQuery({ from: "2026-02-30", to: "2026-03-01" }, NOW).error).toMatch(/From is not a real calendar date/);
    expect(readPeriodQuery({ from: "2026-03-02", to: "2026-03-01" }, NOW).error).toBe("To is before From");
    expect(readPeriodQuery({ period: "nonsense" }, NOW).period.key).toBe("today");
  });

  it.each(periods.map((p) => [`${p.key} ${p.from}…${p.to}`, p] as const))("%s: every figure equals the list it links to", async (_, period) => {
    const o = await getOverview(finance, period);
    for (const figures of [o.current, o.previous]) {
      await expectEqualsItsList(figures.payments);
      for (const status of ["success", "failure", "other"] as const) await expectEqualsItsList(figures.byStatus[status]);
      const { payments, byStatus } = figures;
      expect(figures.failureRate).toBe(payments.count === 0 ? null : byStatus.failure.count / payments.count);
    }
    for (const code of o.errorCodes) await expectEqualsItsList(code);
    const failuresByCode = o.errorCodes.reduce((n, c) => n + c.count, 0) + o.uncodedFailures;
    if (o.errorCodes.length < 5) expect(failuresByCode).toBe(o.current.byStatus.failure.count);
    for (const day of o.days) {
      const list = await listOf(day.href);
      expect([day.day, day.success, day.failure, day.other]).toEqual([day.day, list.byStatus.success.count, list.byStatus.failure.count, list.byStatus.other.count]);
    }
    for (const kind of ["supplier", "buyer"] as const) {
      const top = await topParties(finance, kind, period);
      for (const party of top) await expectEqualsItsList(party);
      for (let i = 1; i < top.length; i++) expect(top[i - 1]!.paise >= top[i]!.paise).toBe(true);
    }
  }, 120_000);

  it("counts the FY boundary and IST midnight on the right side", async () => {
    const o = await getOverview(finance, readPeriodQuery({ from: "2026-04-01", to: "2026-04-01" }, NOW).period);
    // On 1 April: 00:00:00, 00:00:01 and 18:29:59Z (six payments each), the retried one; not
    // 23:59:59 on 31 March, 18:30:00Z, nor the payment moved to 2 April.
    expect(o.current.payments.count).toBe(3 * 6 + 1);
    const march31 = await getOverview(finance, readPeriodQuery({ from: "2026-03-31", to: "2026-03-31" }, NOW).period);
    expect(march31.current.payments.count).toBe(6);
    const april2 = await getOverview(finance, readPeriodQuery({ from: "2026-04-02", to: "2026-04-02" }, NOW).period);
    expect(april2.current.payments.count).toBe(6 + 1);
    expect(april2.current.byStatus.success.count).toBe(2);
    expect(o.errorCodes.find((c) => c.code === "E9999")).toBeUndefined();
  });

  it("keeps the same figures when the rollup's change rows are folded, and the migration's backfill agrees", async () => {
    const wide = { from: "2000-01-01", to: "2099-12-31" };
    const before = await readDailyTotals(wide.from, wide.to);
    const rowsBefore = await prisma.dailyTotal.count();
    expect(await foldDailyTotals()).toBeGreaterThan(0);
    expect(await prisma.dailyTotal.count()).toBeLessThan(rowsBefore);
    expect(await readDailyTotals(wide.from, wide.to)).toEqual(before);
    expect(await foldDailyTotals()).toBe(0);

    // The migration fills the rollup from stored payments: run its statement again on an empty table.
    const backfill = migrationBackfill("rollup_by_mode_and_type");
    await prisma.dailyTotal.deleteMany();
    await prisma.$executeRawUnsafe(backfill);
    expect(await readDailyTotals(wide.from, wide.to)).toEqual(before);
  });

  it("stays exact under concurrent deliveries, twins and out-of-order updates", async () => {
    const all = { from: "2000-01-01", to: "2099-12-31" };
    const firsts = Array.from({ length: 12 }, (_, i) => payment(`2026-05-0${1 + (i % 3)}T23:5${i % 10}:00+05:30`, { result: "FAILURE", errorCd: "E2001", amount: 100 + i }));
    const updates = firsts.map((p, i) => update(p, `2026-05-0${2 + (i % 3)}T00:0${i % 10}:00+05:30`, (b) => { b.resp.result = "SUCCESS"; b.resp.errorCd = ""; }));
    await Promise.all([...firsts, ...firsts, ...updates, ...updates].map(send));
    const period = readPeriodQuery(all, NOW).period;
    const o = await getOverview(finance, period);
    await expectEqualsItsList(o.current.payments);
    for (const status of ["success", "failure", "other"] as const) await expectEqualsItsList(o.current.byStatus[status]);
    const may = await getOverview(finance, readPeriodQuery({ from: "2026-05-01", to: "2026-05-31" }, NOW).period);
    expect([may.current.byStatus.success.count, may.current.byStatus.failure.count]).toEqual([12, 0]);
  }, 120_000);

  it("top suppliers and buyers follow every change to a month's payments, cached or not", async () => {
    const june = readPeriodQuery({ from: "2026-06-01", to: "2026-07-31" }, NOW).period;
    const first = payment("2026-06-10T10:00:00+05:30", { amount: 90_000, supplier: "SUP-CACHE-A", buyer: "BUY-CACHE-A" });
    await send(first);
    await send(payment("2026-07-10T10:00:00+05:30", { amount: 1_000, supplier: "SUP-CACHE-C" }));
    const top = async (kind: "supplier" | "buyer") => (await topParties(finance, kind, june)).map((t) => [t.b2bId, t.count, t.amount]);
    expect((await top("supplier"))[0]).toEqual(["SUP-CACHE-A", 1, "₹90,000.00"]);
    expect((await top("supplier"))[0]).toEqual(["SUP-CACHE-A", 1, "₹90,000.00"]); // from the cache
    // A newer message names another supplier and buyer: no figure moves, the top lists do.
    await send(update(first, "2026-06-10T11:00:00+05:30", (b) => { b.b2bIds.supplierB2BId = "SUP-CACHE-B"; b.b2bIds.buyerB2BId = "BUY-CACHE-B"; }));
    expect((await top("supplier"))[0]).toEqual(["SUP-CACHE-B", 1, "₹90,000.00"]);
    expect((await top("buyer"))[0]).toEqual(["BUY-CACHE-B", 1, "₹90,000.00"]);
    await foldDailyTotals();
    expect((await top("supplier"))[0]).toEqual(["SUP-CACHE-B", 1, "₹90,000.00"]);
    // It fails after all: it leaves the settled lists.
    await send(update(first, "2026-06-10T12:00:00+05:30", (b) => { b.b2bIds.supplierB2BId = "SUP-CACHE-B"; b.b2bIds.buyerB2BId = "BUY-CACHE-B"; b.resp.result = "FAILURE"; b.resp.errorCd = "E2001"; }));
    expect(await top("supplier")).toEqual([["SUP-CACHE-C", 1, "₹1,000.00"]]);
    for (const party of await topParties(finance, "supplier", june)) await expectEqualsItsList(party);
  });

  it("its figures follow every change to the period's payments, cached or not", async () => {
    // August–September 2026: days no other test here writes.
    const period = readPeriodQuery({ from: "2026-08-01", to: "2026-09-30" }, NOW).period;
    const figures = async () => {
      const { current, days } = await getOverview(finance, period);
      return { count: current.payments.count, amount: current.payments.amount, failed: current.byStatus.failure.count, busyDays: days.filter((d) => d.success + d.failure + d.other > 0).length };
    };
    const before = await figures();
    expect(await figures()).toEqual(before); // from the cache
    const sent = payment("2026-08-10T10:00:00+05:30", { amount: 5_000 });
    await send(sent);
    expect(await figures()).toMatchObject({ count: before.count + 1, failed: before.failed, busyDays: before.busyDays + 1 });
    // The same payment fails, on another day of the period: the figures move, the cache does not hold them.
    await send(update(sent, "2026-09-02T10:00:00+05:30", (b) => { b.resp.result = "FAILURE"; b.resp.errorCd = "E2001"; }));
    const failed = await figures();
    expect(failed).toMatchObject({ count: before.count + 1, failed: before.failed + 1, busyDays: before.busyDays + 1 });
    await foldDailyTotals();
    expect(await figures()).toEqual(failed);
    expect((await getOverview(finance, period)).current.payments).toEqual((await getOverview(finance, period)).current.payments);
    await expectEqualsItsList((await getOverview(finance, period)).current.byStatus.failure);
  });

  it("is for finance and admin only", async () => {
    await expect(getOverview(support, namedPeriod("today", NOW))).rejects.toThrow(/access denied/);
    await expect(topParties(support, "supplier", namedPeriod("today", NOW))).rejects.toThrow(/access denied/);
  });
});
