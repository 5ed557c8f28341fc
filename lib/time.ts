// EnKash's payment.ts format is undocumented: we keep the string as received and parse
// what we recognise. Everything is shown in IST (Asia/Kolkata), formatted here and only here.

export type ParsedTs =
  | { ok: true; instant: Date; assumedIst: boolean }
  | { ok: false };

const IST_OFFSET_MS = 330 * 60 * 1000;
const DAY_MS = 86_400_000;

// A message whose ts is further ahead of its receipt than this is not trusted for ordering:
// clocks drift by seconds, not minutes, and "IST written with a Z" is 5.5 hours ahead.
export const TS_FUTURE_TOLERANCE_MS = 10 * 60 * 1000;

// 2025-07-14T11:32:08(.123)(+05:30|Z), also with a space instead of the T.
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
// The Indian day-first forms: 14-07-2025 11:32:08, 14/07/2025 11:32, with or without seconds.
const DAY_FIRST = /^(\d{2})([-/])(\d{2})\2(\d{4})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * ISO-8601 or day-first Indian date-times (offset optional: IST assumed), or epoch seconds
 * (10 digits) / milliseconds (13 digits). Impossible dates and times (30 Feb, 24:10) are refused.
 */
export function parseEnkashTs(ts: string): ParsedTs {
  const text = ts.trim();
  if (/^\d{10}$/.test(text)) return { ok: true, instant: new Date(Number(text) * 1000), assumedIst: false };
  if (/^\d{13}$/.test(text)) return { ok: true, instant: new Date(Number(text)), assumedIst: false };
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    return fromFields({ y: y!, mo: mo!, d: d!, h: h!, mi: mi!, s, frac, zone });
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const [, d, , mo, y, h, mi, s, frac, zone] = dayFirst;
    return fromFields({ y: y!, mo: mo!, d: d!, h: h!, mi: mi!, s, frac, zone });
  }
  return { ok: false };
}

interface Fields {
  y: string;
  mo: string;
  d: string;
  h: string;
  mi: string;
  s: string | undefined;
  frac: string | undefined;
  zone: string | undefined;
}

function fromFields({ y, mo, d, h, mi, s = "00", frac, zone }: Fields): ParsedTs {
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return { ok: false };
  const millis = frac ? Number(frac.slice(1, 4).padEnd(3, "0")) : 0;
  const offsetMinutes = zone === undefined ? 330 : zone === "Z" ? 0 : zoneMinutes(zone);
  if (offsetMinutes === null) return { ok: false };
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return { ok: true, instant: new Date(utc), assumedIst: zone === undefined };
}

function zoneMinutes(zone: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  const [, sign, hh, mm] = m;
  if (Number(hh) > 14 || Number(mm) > 59) return null;
  return (sign === "-" ? -1 : 1) * (Number(hh) * 60 + Number(mm));
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

/** A ts is trusted for ordering when it is not further ahead of its receipt than the tolerance. */
export function isTrustedTs(instant: Date, receivedAt: Date): boolean {
  return instant.getTime() - receivedAt.getTime() <= TS_FUTURE_TOLERANCE_MS;
}

// One fixed table: Intl's en-IN writes "Sept" for September and "24:15" for a quarter past midnight.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const two = (n: number) => String(n).padStart(2, "0");

/** The wall-clock fields of an instant in IST. */
function istFields(instant: Date) {
  const shifted = new Date(instant.getTime() + IST_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth(),
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** "14 Jul 2025, 00:15:08 IST" (without " IST" where a heading already says so). */
export function formatIst(instant: Date, { suffix = true }: { suffix?: boolean } = {}): string {
  const f = istFields(instant);
  const text = `${two(f.day)} ${MONTHS[f.month]} ${f.year}, ${two(f.hour)}:${two(f.minute)}:${two(f.second)}`;
  return suffix ? `${text} IST` : text;
}

/** Start of an IST calendar day ("2025-07-14") as a UTC instant; null when not a real date. */
export function istDayStart(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isCalendarDate(year, month, date)) return null;
  return new Date(Date.UTC(year, month - 1, date) - IST_OFFSET_MS);
}

/** The instant just after an IST calendar day ends. */
export function istDayEnd(day: string): Date | null {
  const start = istDayStart(day);
  return start ? new Date(start.getTime() + DAY_MS) : null;
}

/** The IST calendar day of an instant, as "YYYY-MM-DD". */
export function istDay(instant: Date): string {
  return new Date(instant.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

export interface DayRange {
  label: string;
  /** First and last IST calendar days, inclusive ("YYYY-MM-DD"). */
  from: string;
  to: string;
}

/** Today in IST as calendar fields, with the Indian financial year it falls in (1 April to 31 March). */
export function istCalendar(now: Date = new Date()) {
  const today = istDay(now);
  const [year, month, date] = today.split("-").map(Number) as [number, number, number];
  return { today, year, month, date, fyStart: month >= 4 ? year : year - 1 };
}

/** "YYYY-MM-DD" of a calendar date; a day or month out of range carries over (day 0 is the month before's last). */
export function calendarDay(year: number, month: number, date: number): string {
  return new Date(Date.UTC(year, month - 1, date)).toISOString().slice(0, 10);
}

/** "FY 2026–27" for the financial year starting 1 April `start`. */
export const fyLabel = (start: number) => `FY ${start}–${String((start + 1) % 100).padStart(2, "0")}`;

/** "14 Jul 2025" (or "14 Jul") for an IST calendar day "2025-07-14". */
export function formatDay(day: string, { year = true }: { year?: boolean } = {}): string {
  const text = `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]}`;
  return year ? `${text} ${day.slice(0, 4)}` : text;
}

/**
 * The date shortcuts finance uses, as IST calendar days: today, yesterday, this week (from
 * Monday), this month, last month, and this Indian financial year (1 April to 31 March; the days
 * so far).
 */
export function dayRanges(now: Date = new Date()): DayRange[] {
  const { today, year: y, month: m, date: d, fyStart } = istCalendar(now);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
  return [
    { label: "Today", from: today, to: today },
    { label: "Yesterday", from: calendarDay(y, m, d - 1), to: calendarDay(y, m, d - 1) },
    { label: "This week", from: calendarDay(y, m, d - weekday), to: today },
    { label: "This month", from: calendarDay(y, m, 1), to: today },
    { label: "Last month", from: calendarDay(y, m - 1, 1), to: calendarDay(y, m, 0) },
    { label: fyLabel(fyStart), from: calendarDay(fyStart, 4, 1), to: today },
  ];
}

/** "2026-11-20 10:02:00" in IST: the form spreadsheets read as a date and time. */
export function istTimestamp(instant: Date): string {
  return new Date(instant.getTime() + IST_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}
