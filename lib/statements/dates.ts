// The dates on bank statements: the formats Indian banks' exports use, read as calendar days.

export const DATE_FORMATS = ["DD/MM/YYYY", "DD-MM-YYYY", "DD.MM.YYYY", "DD/MM/YY", "DD-MM-YY", "DD-MMM-YYYY", "DD MMM YYYY", "DD-MMM-YY", "YYYY-MM-DD"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const PATTERNS: Record<DateFormat, RegExp> = {
  "DD/MM/YYYY": /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
  "DD-MM-YYYY": /^(\d{1,2})-(\d{1,2})-(\d{4})$/,
  "DD.MM.YYYY": /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/,
  "DD/MM/YY": /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/,
  "DD-MM-YY": /^(\d{1,2})-(\d{1,2})-(\d{2})$/,
  "DD-MMM-YYYY": /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/,
  "DD MMM YYYY": /^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/,
  "DD-MMM-YY": /^(\d{1,2})-([A-Za-z]{3})-(\d{2})$/,
  "YYYY-MM-DD": /^(\d{4})-(\d{2})-(\d{2})$/,
};

/** A statement date as an IST calendar day "YYYY-MM-DD", or null. A time after the date is ignored. */
export function parseDay(text: string, format: DateFormat): string | null {
  const value = text.trim().split(/[ T](?=\d{1,2}:\d{2})/)[0]!.trim();
  // Excel dates arrive as YYYY-MM-DD whatever the format the sheet displayed.
  const iso = PATTERNS["YYYY-MM-DD"].exec(value);
  const match = iso ?? PATTERNS[format].exec(value);
  if (!match) return null;
  const day = Number(iso ? match[3] : match[1]);
  const m = match[2]!;
  const month = /^\d+$/.test(m) ? Number(m) : MONTHS.indexOf(m.toLowerCase()) + 1;
  const written = Number(iso ? match[1] : match[3]);
  const year = written < 100 ? written + 2000 : written;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** The first format every sample reads with (null when none does). */
export function detectDateFormat(samples: string[]): DateFormat | null {
  const values = samples.map((s) => s.trim()).filter(Boolean).slice(0, 30);
  if (values.length === 0) return null;
  return DATE_FORMATS.find((f) => values.every((v) => parseDay(v, f) !== null)) ?? null;
}
