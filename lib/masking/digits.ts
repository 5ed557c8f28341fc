// Digits as a reader sees them: ASCII, every script's decimal digits (Devanagari ४, full-width ４,
// Bengali, Arabic-Indic…) and compatibility forms that normalise to a digit (², ①, 𝟒).
// Masking counts and hides all of them; comparisons use their ASCII value.

const DECIMAL = /^\p{Nd}$/u;
const valueCache = new Map<number, number | null>();

/** 0–9 for a code point that reads as a digit, null otherwise. */
export function digitValue(codePoint: number): number | null {
  if (codePoint >= 48 && codePoint <= 57) return codePoint - 48;
  if (codePoint < 0xa0) return null;
  const cached = valueCache.get(codePoint);
  if (cached !== undefined) return cached;
  const value = computeDigitValue(codePoint);
  valueCache.set(codePoint, value);
  return value;
}

function computeDigitValue(codePoint: number): number | null {
  const char = String.fromCodePoint(codePoint);
  if (DECIMAL.test(char)) {
    // Unicode lays out decimal digits in complete, contiguous blocks of ten (0…9): the value is
    // the distance from the start of the contiguous run of decimal digits, modulo ten.
    let start = codePoint;
    while (start > 0 && DECIMAL.test(String.fromCodePoint(start - 1))) start--;
    return (codePoint - start) % 10;
  }
  const compatible = char.normalize("NFKC");
  return /^[0-9]$/.test(compatible) ? Number(compatible) : null;
}

const SEPARATORS = new Set([" ", "\u00a0", "\u202f", "\u2009", "-", "\u2010", "\u2011", "\u2012", "\u2013"]);

/** Digits written in groups ("5010 0123 4573 05", "98765-43210") form one run. */
export interface DigitRun {
  /** UTF-16 offsets of the run in the text. */
  start: number;
  end: number;
  /** The digits in ASCII. */
  digits: string;
}

// Characters a reader does not see (zero-width space, joiners, soft hyphen, NUL and other controls
// but tab and line breaks): "5\u200b0\u200b1…" reads as one number, so they do not split a group.
const INVISIBLE = /^[\p{Cf}\p{Cc}]$/u;
const isInvisible = (cp: number) => cp !== 9 && cp !== 10 && cp !== 13 && INVISIBLE.test(String.fromCodePoint(cp));
const width = (cp: number) => (cp > 0xffff ? 2 : 1);

/** Reads one group of digits starting at `i`, looking through invisible characters. */
function readGroup(text: string, i: number): { end: number; digits: string } {
  let digits = "";
  let j = i;
  while (j < text.length) {
    const cp = text.codePointAt(j)!;
    const value = digitValue(cp);
    if (value !== null) {
      digits += value;
      j += width(cp);
      continue;
    }
    if (!isInvisible(cp)) break;
    let k = j;
    while (k < text.length && isInvisible(text.codePointAt(k)!)) k += width(text.codePointAt(k)!);
    if (k >= text.length || digitValue(text.codePointAt(k)!) === null) break;
    j = k;
  }
  return { end: j, digits };
}

const startsGroup = (text: string, i: number) => i < text.length && digitValue(text.codePointAt(i)!) !== null;

/**
 * Every run of digits in `text`. A run is a group of digits, extended by further groups that
 * follow a single separator (space, no-break space, hyphen or dash) when they hold at least
 * three digits, or when they end the run: so "5010 0123 4573 05" is one run of 14 digits, while
 * a date and time ("2025-07-14 11:32") never adds up to one.
 */
export function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < text.length) {
    if (!startsGroup(text, i)) {
      i += width(text.codePointAt(i)!);
      continue;
    }
    const first = readGroup(text, i);
    let end = first.end;
    let digits = first.digits;
    while (end + 1 < text.length && SEPARATORS.has(text[end]!) && startsGroup(text, end + 1)) {
      const next = readGroup(text, end + 1);
      const continues = next.end + 1 < text.length && SEPARATORS.has(text[next.end]!) && startsGroup(text, next.end + 1);
      if (next.digits.length < 3 && continues) break;
      end = next.end;
      digits += next.digits;
      if (next.digits.length < 3) break;
    }
    runs.push({ start: i, end, digits });
    i = end;
  }
  return runs;
}

/** Replaces every digit but the last `keep` with X, leaving every other character as it is. */
export function maskDigits(text: string, keep = 4): string {
  let total = 0;
  for (const ch of text) if (digitValue(ch.codePointAt(0)!) !== null) total++;
  if (total <= keep) return text;
  let toMask = total - keep;
  let out = "";
  for (const ch of text) {
    if (toMask > 0 && digitValue(ch.codePointAt(0)!) !== null) {
      out += "X";
      toMask--;
    } else out += ch;
  }
  return out;
}

/** How many characters read as digits. */
export function countDigits(text: string): number {
  let total = 0;
  for (const ch of text) if (digitValue(ch.codePointAt(0)!) !== null) total++;
  return total;
}
