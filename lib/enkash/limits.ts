// How much one message may hold (README → Limits, RELIABILITY.md). A body within the size cap can
// still be built to cost minutes of CPU and gigabytes of memory (hundreds of thousands of empty
// invoices); these limits bound the work per request, and scale with WEBHOOK_MAX_BODY_BYTES so
// that raising the cap raises what fits.
//
// Chosen from what EnKash plausibly sends: a realistic invoice pay info with bank details and one
// split is ~600–700 bytes and ~28 JSON values, so a body at the cap holds at most ~1,700 of them.
// The limits sit above that: any realistic body under the cap fits.

const MIB = 1024 * 1024;

export interface ItemLimits {
  /** payment.invoicesPayInfos */
  invoices: number;
  /** invoicesPayInfos[i].invoicePaymentAmount.splits */
  splitsPerInvoice: number;
  /** additionalInfos */
  additionalInfos: number;
  /** Every object, array, string, number, true, false and null in the body. */
  values: number;
}

export function itemLimits(maxBodyBytes: number): ItemLimits {
  const per = (perMib: number, floor: number) => Math.max(floor, Math.floor((perMib * maxBodyBytes) / MIB));
  return {
    invoices: per(2_000, 100),
    splitsPerInvoice: 100,
    additionalInfos: per(1_000, 50),
    values: per(64 * 1024, 5_000),
  };
}

/** Limits at the default size cap (1 MiB): what the docs quote. */
export const DEFAULT_LIMITS = itemLimits(MIB);

/**
 * One pass over JSON text, without parsing it (strings are skipped): its deepest nesting of
 * objects and arrays, and an upper bound on its values (one per comma and per object or array,
 * plus one: an empty object or array counts one more than it holds).
 */
export function scanJson(text: string): { depth: number; values: number } {
  let depth = 0;
  let deepest = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      values++;
      if (++depth > deepest) deepest = depth;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
    else if (c === 44 /* , */) values++;
  }
  return { depth: deepest, values };
}

/** An upper bound on the JSON values in a text (see scanJson). */
export function countJsonValues(text: string): number {
  return scanJson(text).values;
}

export interface LimitProblem {
  path: string;
  message: string;
}

const n = (v: number) => v.toLocaleString("en-IN");
const raise = "raise WEBHOOK_MAX_BODY_BYTES to raise it";

/** The item limits a parsed body exceeds (checked before validation, which they bound). */
export function exceededLimits(json: unknown, limits: ItemLimits): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const at = (node: unknown, key: string): unknown =>
    typeof node === "object" && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  const invoices = at(at(json, "payment"), "invoicesPayInfos");
  if (Array.isArray(invoices)) {
    if (invoices.length > limits.invoices) {
      problems.push({ path: "payment.invoicesPayInfos", message: `holds ${n(invoices.length)} invoices: the limit is ${n(limits.invoices)} per payment (${raise})` });
    } else {
      invoices.forEach((invoice, i) => {
        const splits = at(at(invoice, "invoicePaymentAmount"), "splits");
        if (Array.isArray(splits) && splits.length > limits.splitsPerInvoice) {
          problems.push({ path: `payment.invoicesPayInfos[${i}].invoicePaymentAmount.splits`, message: `holds ${n(splits.length)} splits: the limit is ${n(limits.splitsPerInvoice)} per invoice` });
        }
      });
    }
  }
  const infos = at(json, "additionalInfos");
  if (Array.isArray(infos) && infos.length > limits.additionalInfos) {
    problems.push({ path: "additionalInfos", message: `holds ${n(infos.length)} entries: the limit is ${n(limits.additionalInfos)} (${raise})` });
  }
  return problems.slice(0, 10);
}

/** The value-count limit (a count from scanJson), checked before the text is parsed. */
export function valueLimitProblem(values: number, limits: ItemLimits): LimitProblem | null {
  return values > limits.values
    ? { path: "(body)", message: `holds about ${n(values)} JSON values: the limit is ${n(limits.values)} (${raise})` }
    : null;
}
