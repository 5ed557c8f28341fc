// The overview's periods, as IST calendar days, each with the period it is compared with: the
// same number of days just before it.
import { z } from "zod";
import { flattenSearchParams, hrefWithQuery, type RawSearchParams } from "../url-state";
import { calendarDay, fyLabel, istCalendar, istDayStart } from "../time";

export const PERIOD_KEYS = ["today", "yesterday", "7d", "30d", "this-month", "last-month", "fy", "last-fy"] as const;
export type PeriodKey = (typeof PERIOD_KEYS)[number] | "custom";

export interface DayRangeInclusive {
  from: string;
  to: string;
}

export interface Period extends DayRangeInclusive {
  key: PeriodKey;
  label: string;
  previous: DayRangeInclusive;
}

const DAY_MS = 86_400_000;
/** Longest custom range: eleven years of daily bars is already more than a chart can show. */
export const MAX_PERIOD_DAYS = 4_018;

const dayText = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** The `days` days that end the day before `from`. */
function before(range: DayRangeInclusive): DayRangeInclusive {
  const length = dayNumber(range.to) - dayNumber(range.from) + 1;
  const start = dayNumber(range.from);
  return { from: dayText((start - length) * DAY_MS), to: dayText((start - 1) * DAY_MS) };
}

/** A named period as of `now` (IST). */
export function namedPeriod(key: Exclude<PeriodKey, "custom">, now: Date = new Date()): Period {
  const { today, year: y, month: m, date: d, fyStart } = istCalendar(now);
  const ranges: Record<typeof key, { label: string; from: string; to: string }> = {
    today: { label: "Today", from: today, to: today },
    yesterday: { label: "Yesterday", from: calendarDay(y, m, d - 1), to: calendarDay(y, m, d - 1) },
    "7d": { label: "Last 7 days", from: calendarDay(y, m, d - 6), to: today },
    "30d": { label: "Last 30 days", from: calendarDay(y, m, d - 29), to: today },
    "this-month": { label: "This month", from: calendarDay(y, m, 1), to: today },
    "last-month": { label: "Last month", from: calendarDay(y, m - 1, 1), to: calendarDay(y, m, 0) },
    fy: { label: `This financial year (${fyLabel(fyStart)})`, from: calendarDay(fyStart, 4, 1), to: today },
    "last-fy": { label: `Last financial year (${fyLabel(fyStart - 1)})`, from: calendarDay(fyStart - 1, 4, 1), to: calendarDay(fyStart, 3, 31) },
  };
  const range = ranges[key];
  // Months and financial years are compared with the same stretch of the one before (1–26 Nov
  // with 1–26 Oct; FY to date with the previous FY to the same date); other periods with the
  // same number of days just before them.
  const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const previous =
    key === "this-month" ? { from: calendarDay(y, m - 1, 1), to: calendarDay(y, m - 1, Math.min(d, lastDayOf(y, m - 1))) }
    : key === "last-month" ? { from: calendarDay(y, m - 2, 1), to: calendarDay(y, m - 1, 0) }
    : key === "fy" ? { from: calendarDay(fyStart - 1, 4, 1), to: calendarDay(y - 1, m, Math.min(d, lastDayOf(y - 1, m))) }
    : key === "last-fy" ? { from: calendarDay(fyStart - 2, 4, 1), to: calendarDay(fyStart - 1, 3, 31) }
    : before(range);
  return { key, ...range, previous };
}

const day = z.string().trim().refine((v) => istDayStart(v) !== null, { error: "is not a real calendar date (YYYY-MM-DD)" });

export type PeriodQuery = { period: Period; error: null } | { period: Period; error: string };

/**
 * The period a query string asks for: `?period=7d`, or `?from=…&to=…` (a custom range). A custom
 * range that cannot be read is reported, and today is shown meanwhile.
 */
export function readPeriodQuery(raw: RawSearchParams, now: Date = new Date()): PeriodQuery {
  const flat = flattenSearchParams(raw);
  if (flat.from || flat.to) {
    const from = day.safeParse(flat.from ?? "");
    const to = day.safeParse(flat.to ?? "");
    const problem =
      !from.success ? `From ${from.error.issues[0]?.message}`
      : !to.success ? `To ${to.error.issues[0]?.message}`
      : from.data > to.data ? "To is before From"
      : dayNumber(to.data) - dayNumber(from.data) + 1 > MAX_PERIOD_DAYS ? `A range is at most ${MAX_PERIOD_DAYS.toLocaleString("en-IN")} days`
      : null;
    if (problem || !from.success || !to.success) return { period: namedPeriod("today", now), error: problem ?? "The range cannot be read" };
    const range = { from: from.data, to: to.data };
    return { period: { key: "custom", label: `${range.from} to ${range.to}`, ...range, previous: before(range) }, error: null };
  }
  const key = (PERIOD_KEYS as readonly string[]).includes(flat.period ?? "") ? (flat.period as Exclude<PeriodKey, "custom">) : "today";
  return { period: namedPeriod(key, now), error: null };
}

export function overviewHref(key: PeriodKey | DayRangeInclusive): string {
  return typeof key === "string" ? hrefWithQuery("/overview", { period: key }, { period: "today" }) : hrefWithQuery("/overview", { from: key.from, to: key.to });
}
