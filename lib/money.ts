// Money is integer paise (BigInt) end to end; no binary floating point in arithmetic.
// EnKash sends rupees as JSON numbers with up to two decimals.

export interface ParsedAmount {
  paise: bigint;
  /** The decimal the sender wrote, e.g. "47200.1" for 47200.10. */
  decimal: string;
  /** More than two decimals were sent: paise is rounded half away from zero. */
  subPaise: boolean;
}

/**
 * Exact decimal text of a finite JS number. JavaScript prints the shortest digits that
 * round-trip, which for any literal of up to 15 significant digits are the digits written.
 */
export function numberToDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError("amount must be finite");
  const text = Object.is(value, -0) ? "0" : String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = "", intPart = "", fracPart = "", expText = "0"] = match;
  const digits = intPart + fracPart;
  const point = intPart.length + Number(expText);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Rupees (JSON number) → paise, rounding only when more than two decimals were sent. */
export function rupeesToPaise(value: number): ParsedAmount {
  const decimal = numberToDecimal(value);
  const negative = decimal.startsWith("-");
  const [intPart = "0", fracPart = ""] = (negative ? decimal.slice(1) : decimal).split(".");
  const kept = (fracPart + "00").slice(0, 2);
  const rest = fracPart.slice(2);
  let paise = BigInt(intPart) * 100n + BigInt(kept);
  if (rest.length > 0 && rest[0]! >= "5") paise += 1n;
  return {
    paise: negative ? -paise : paise,
    decimal,
    subPaise: /[1-9]/.test(rest),
  };
}

/** "12345.67"-style exact decimal text of paise. */
export function paiseToDecimal(paise: bigint): string {
  const negative = paise < 0n;
  const abs = negative ? -paise : paise;
  const rupees = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${rupees}.${frac}`;
}

const inr = new Intl.NumberFormat("en-IN", {
  style: "currency",
  currency: "INR",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** ₹ with Indian (lakh/crore) grouping, exact to the paisa: 123456789n → "₹12,34,567.89". */
export function formatInr(paise: bigint): string {
  // Intl formats a decimal *string* exactly (no conversion to a double on the way).
  return inr.format(paiseToDecimal(paise) as Intl.StringNumericLiteral);
}

/** Parses a user-typed rupee amount ("12,34,567.89", "₹500") into paise; null when not an amount. */
export function parseRupeeInput(text: string): bigint | null {
  const cleaned = text.replace(/[₹,\s]/g, "");
  const match = /^(-?)(\d{1,15})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, rupees = "0", frac = ""] = match;
  const paise = BigInt(rupees) * 100n + BigInt((frac + "00").slice(0, 2));
  return sign ? -paise : paise;
}
