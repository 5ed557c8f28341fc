// EnKash's payment.ts format is undocumented: we keep the string as received and parse
// what we recognise. Everything is shown in IST (Asia/Kolkata).

export type ParsedTs =
  | { ok: true; instant: Date; assumedIst: boolean }
  | { ok: false };

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** ISO-8601 (offset optional: IST assumed) or epoch seconds / milliseconds. */
export function parseEnkashTs(ts: string): ParsedTs {
  const text = ts.trim();
  if (/^\d{10}$/.test(text)) return { ok: true, instant: new Date(Number(text) * 1000), assumedIst: false };
  if (/^\d{13}$/.test(text)) return { ok: true, instant: new Date(Number(text)), assumedIst: false };
  const m = ISO.exec(text);
  if (!m) return { ok: false };
  const [, y, mo, d, h, mi, s = "00", frac = "", zone] = m;
  const offset = zone === undefined ? "+05:30" : zone === "Z" ? "Z" : zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
  const millis = frac ? frac.slice(0, 4).padEnd(4, "0") : ".000";
  const instant = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${millis}${offset}`);
  if (Number.isNaN(instant.getTime())) return { ok: false };
  // Reject rolled-over dates such as 2025-02-30 by checking the fields survive the round trip.
  const check = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (check.getUTCMonth() + 1 !== Number(mo) || check.getUTCDate() !== Number(d)) return { ok: false };
  return { ok: true, instant, assumedIst: zone === undefined };
}

const istDateTime = new Intl.DateTimeFormat("en-IN", {
  timeZone: "Asia/Kolkata",
  day: "2-digit",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** "14 Jul 2025, 11:32:08 IST" (without " IST" where a heading already says so). */
export function formatIst(instant: Date, { suffix = true }: { suffix?: boolean } = {}): string {
  const text = istDateTime.format(instant);
  return suffix ? `${text} IST` : text;
}

const IST_OFFSET_MS = 330 * 60 * 1000;

/** Start of an IST calendar day ("2025-07-14") as a UTC instant; null when not a date. */
export function istDayStart(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(utcMidnight)) return null;
  return new Date(utcMidnight - IST_OFFSET_MS);
}

/** The IST calendar day of an instant, as "YYYY-MM-DD". */
export function istDay(instant: Date): string {
  return new Date(instant.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}
