// The overview: how a period's payments went, against the period just before it. Figures come
// from the daily rollup (lib/overview/daily-totals.ts), top suppliers and buyers from one index;
// each figure carries the link to the payments list that shows exactly those payments.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { authorize, type Viewer } from "../auth/access";
import { readPrisma } from "../db";
import { exactSum, joinSum } from "../exact-sum";
import { formatInr } from "../money";
import { describeErrorCodes } from "../payments/error-codes";
import { listHref, parseListParams } from "../payments/list-params";
import type { PaymentStatus } from "../payments/status";
import { istDay, istDayEnd, istDayStart } from "../time";
import { yieldToEventLoop } from "../yield";
import { cachedDailyTotals, NO_ROWS, rollupVersions, VersionedCache, type DayTotal } from "./daily-totals";
import type { Period } from "./periods";

export interface Figure {
  count: number;
  paise: bigint;
  amount: string;
  href: string;
}

export interface PeriodFigures {
  payments: Figure;
  byStatus: Record<PaymentStatus, Figure>;
  /** Failed payments as a share of all payments, 0–1 (null: no payments). */
  failureRate: number | null;
}

export interface ErrorCodeFigure extends Figure {
  code: string;
  description: string | null;
}

export interface DayBar {
  day: string;
  success: number;
  failure: number;
  other: number;
  failureRate: number | null;
  /** The same day of the previous period (by position; null when that period is shorter). */
  previousDay: string | null;
  previousPayments: number;
  previousFailureRate: number | null;
  href: string;
}

export interface Overview {
  period: Period;
  current: PeriodFigures;
  previous: PeriodFigures;
  errorCodes: ErrorCodeFigure[];
  /** Failures without an error code (shown apart: the list cannot filter on "no code"). */
  uncodedFailures: number;
  /** Payments of the period whose amounts do not add up (or carry a currency other than INR). */
  integrityIssues: Figure;
  days: DayBar[];
}

const TOP_ERROR_CODES = 5;

/** The payments list's link for a period and filters. */
export function periodListHref(range: { from: string; to: string }, filters: { result?: PaymentStatus; errorCd?: string; supplier?: string; buyer?: string; integrity?: "1" } = {}): string {
  return listHref(parseListParams({}), { from: range.from, to: range.to, ...filters });
}

function figure(count: number, paise: bigint, href: string): Figure {
  return { count, paise, amount: formatInr(paise), href };
}

function periodFigures(rows: DayTotal[], range: { from: string; to: string }): PeriodFigures {
  const sum = (status?: PaymentStatus) => {
    const chosen = status ? rows.filter((r) => r.status === status) : rows;
    return { count: chosen.reduce((n, r) => n + r.payments, 0), paise: chosen.reduce((n, r) => n + r.paise, 0n) };
  };
  const all = sum();
  const parts = (["success", "failure", "other"] as const).map((s) => [s, sum(s)] as const);
  const byStatus = Object.fromEntries(parts.map(([s, t]) => [s, figure(t.count, t.paise, periodListHref(range, { result: s }))])) as Record<PaymentStatus, Figure>;
  return {
    payments: figure(all.count, all.paise, periodListHref(range)),
    byStatus,
    failureRate: all.count === 0 ? null : byStatus.failure.count / all.count,
  };
}

/** The IST days from `from` to `to`, inclusive. */
export function daysOf(range: { from: string; to: string }): string[] {
  const out: string[] = [];
  const end = istDayStart(range.to)!.getTime();
  for (let at = istDayStart(range.from)!.getTime(); at <= end; at += 86_400_000) out.push(istDay(new Date(at)));
  return out;
}

function dayBars(current: DayTotal[], previous: DayTotal[], period: Period): DayBar[] {
  const perDay = (rows: DayTotal[]) => {
    const map = new Map<string, Record<PaymentStatus, number>>();
    for (const r of rows) {
      const counts = map.get(r.day) ?? { success: 0, failure: 0, other: 0 };
      if (r.status === "success" || r.status === "failure" || r.status === "other") counts[r.status] += r.payments;
      map.set(r.day, counts);
    }
    return map;
  };
  const rate = (c: Record<PaymentStatus, number> | undefined) => {
    const total = c ? c.success + c.failure + c.other : 0;
    return c && total > 0 ? c.failure / total : null;
  };
  const [now, before] = [perDay(current), perDay(previous)];
  const previousDays = daysOf(period.previous);
  return daysOf(period).map((day, i) => {
    const c = now.get(day);
    const previousDay = previousDays[i] ?? null;
    const p = previousDay === null ? undefined : before.get(previousDay);
    return {
      day,
      success: c?.success ?? 0,
      failure: c?.failure ?? 0,
      other: c?.other ?? 0,
      failureRate: rate(c),
      previousDay,
      previousPayments: p ? p.success + p.failure + p.other : 0,
      previousFailureRate: rate(p),
      href: periodListHref({ from: day, to: day }),
    };
  });
}

export async function getOverview(viewer: Viewer, period: Period): Promise<Overview> {
  authorize(viewer, "payments:browse");
  const [current, previous] = await Promise.all([cachedDailyTotals(period.from, period.to), cachedDailyTotals(period.previous.from, period.previous.to)]);
  const codes = new Map<string, { count: number; paise: bigint }>();
  let uncodedFailures = 0;
  for (const r of current) {
    if (r.status !== "failure") continue;
    if (r.errorCd === "") {
      uncodedFailures += r.payments;
      continue;
    }
    const c = codes.get(r.errorCd) ?? { count: 0, paise: 0n };
    codes.set(r.errorCd, { count: c.count + r.payments, paise: c.paise + r.paise });
  }
  const top = [...codes.entries()]
    .filter(([, c]) => c.count > 0)
    .sort(([a, x], [b, y]) => y.count - x.count || (y.paise > x.paise ? 1 : y.paise < x.paise ? -1 : a.localeCompare(b)))
    .slice(0, TOP_ERROR_CODES);
  const [described, integrityIssues] = await Promise.all([describeErrorCodes(top.map(([code]) => code)), integrityIssuesIn(period)]);
  return {
    period,
    current: periodFigures(current, period),
    previous: periodFigures(previous, period.previous),
    errorCodes: top.map(([code, c]) => ({ code, description: described.get(code) ?? null, ...figure(c.count, c.paise, periodListHref(period, { result: "failure", errorCd: code })) })),
    uncodedFailures,
    integrityIssues,
    days: dayBars(current, previous, period),
  };
}

/** Payments of the period flagged at ingest as not adding up, read from their own index (they are few). */
async function integrityIssuesIn(range: { from: string; to: string }): Promise<Figure> {
  const flagged = await readPrisma.payment.aggregate({
    where: { integrityIssueCount: { gt: 0 }, occurredAt: { gte: istDayStart(range.from)!, lt: istDayEnd(range.to)! } },
    _count: { _all: true },
    _sum: { totalPaise: true },
  });
  return figure(flagged._count._all, flagged._sum.totalPaise ?? 0n, periodListHref(range, { integrity: "1" }));
}

export interface TopParty extends Figure {
  b2bId: string;
  name: string | null;
}

const TOP_PARTIES = 5;

/** Settled payments and amount per party, in some days. */
type PartySums = Map<string, { count: number; paise: bigint }>;

/**
 * Each calendar month's sums per party, kept while the month's rollup version is unchanged and for
 * at most a minute (see rollupVersions): a long period re-reads only the months that changed.
 */
const sliceCache = new VersionedCache<PartySums>(200);

/** The period cut at month ends: the slices the sums are read and cached by. */
function monthSlices(range: { from: string; to: string }): { from: string; to: string }[] {
  const slices: { from: string; to: string }[] = [];
  for (const day of daysOf(range)) {
    const last = slices.at(-1);
    if (last && last.to.slice(0, 7) === day.slice(0, 7)) last.to = day;
    else slices.push({ from: day, to: day });
  }
  return slices;
}

async function sliceSums(kind: "supplier" | "buyer", slice: { from: string; to: string }, version: string): Promise<PartySums> {
  const key = `${kind}:${slice.from}:${slice.to}`;
  const cached = sliceCache.get(key, version);
  if (cached) return cached;
  const column = Prisma.raw(kind === "supplier" ? `"supplierB2BId"` : `"buyerB2BId"`);
  const part = await readPrisma.$queryRaw<{ b2bId: string; n: string; high: string | null; low: string | null }[]>`
    SELECT ${column} AS "b2bId", CAST(COUNT(*) AS TEXT) AS n, ${exactSum("totalPaise")}
    FROM "Payment"
    WHERE "status" = 'success' AND "occurredAt" >= ${istDayStart(slice.from)} AND "occurredAt" < ${istDayEnd(slice.to)}
    GROUP BY ${column}`;
  const sums: PartySums = new Map(part.map((r) => [r.b2bId, { count: Number(r.n), paise: joinSum(r.high, r.low) }]));
  sliceCache.set(key, version, sums);
  return sums;
}

/**
 * The suppliers or buyers with the most settled in the period, by amount, read from the
 * (status, occurredAt, party, totalPaise) index alone, a calendar month at a time, yielding
 * between months: on SQLite a query runs on the event loop, and one aggregate over a year of
 * payments would hold every other request, webhooks included, for its whole length. Months whose
 * payments have not changed come from a cache (sliceSums).
 */
export async function topParties(viewer: Viewer, kind: "supplier" | "buyer", range: { from: string; to: string }): Promise<TopParty[]> {
  authorize(viewer, "payments:browse");
  const totals: PartySums = new Map();
  // The versions are read before the sums: a change after them can only make a version newer.
  const versions = await rollupVersions(range.from, range.to);
  for (const slice of monthSlices(range)) {
    for (const [b2bId, part] of await sliceSums(kind, slice, versions.get(slice.from.slice(0, 7)) ?? NO_ROWS)) {
      const sum = totals.get(b2bId) ?? { count: 0, paise: 0n };
      totals.set(b2bId, { count: sum.count + part.count, paise: sum.paise + part.paise });
    }
    await yieldToEventLoop();
  }
  const rows = [...totals.entries()]
    .map(([b2bId, t]) => ({ b2bId, ...t }))
    .sort((a, b) => (a.paise === b.paise ? (a.b2bId < b.b2bId ? -1 : 1) : a.paise > b.paise ? -1 : 1))
    .slice(0, TOP_PARTIES);
  const names = await readPrisma.party.findMany({ where: { kind, b2bId: { in: rows.map((r) => r.b2bId) } }, select: { b2bId: true, name: true } });
  const nameOf = new Map(names.map((p) => [p.b2bId, p.name]));
  return rows.map((r) => ({ b2bId: r.b2bId, name: nameOf.get(r.b2bId) ?? null, ...figure(r.count, r.paise, periodListHref(range, { result: "success", [kind]: r.b2bId })) }));
}
