// Structure of the resp-pay body, per §2 and §7 of ../shared/enkash/payment-response-webhook.md.
// Only what the resp-pay page documents is enforced here (a violation is a 4xx); value checks
// that come from sibling pages or our inference live in checks.ts and only flag.
import { z } from "zod";

// Storage limits, enforced as structure because a value beyond them cannot be stored at all (and a
// 5xx would make EnKash retry forever): amounts are 64-bit paise and their sums must not overflow;
// versions are 32-bit; indexed text must fit a PostgreSQL btree entry (~2.7 kB).
export const MAX_AMOUNT_RUPEES = 1e12; // ₹1 lakh crore
export const MAX_KEY_LENGTH = 300;

/**
 * A member the page does not mark required may be left out or sent as null: both read as absent
 * (a null is flagged by ingest with a warning, never refused).
 */
const absent = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

/** A finite JSON number (zod 4's z.number() refuses Infinity and NaN) within ±₹1 lakh crore. */
const amount = z.number().refine((v) => Math.abs(v) <= MAX_AMOUNT_RUPEES, { error: "is beyond ±1,00,000 crore rupees, the largest amount stored" });
const optionalAmount = absent(amount);
const optionalText = absent(z.string());
const optionalInt = absent(z.int32({ error: "must be a whole number (32-bit)" }));
/** Text that is indexed (searched, filtered or unique). */
const key = z.string().max(MAX_KEY_LENGTH, { error: `is longer than ${MAX_KEY_LENGTH} characters` });

const amountBlock = z.object({
  netPaidAmount: optionalAmount,
  netAdjustmentAmount: optionalAmount,
  totalAmount: optionalAmount,
  currency: optionalText,
});

export const splitSchema = z.object({ name: optionalText, value: optionalAmount, refNo: optionalText });

export const invoicePayInfoSchema = z.object({
  objectId: optionalText,
  supplierInvoiceNumber: absent(key),
  objectVersion: absent(z.object({ currentVersion: optionalInt, newVersion: optionalInt })),
  statusTransition: absent(z.object({ currentStatus: optionalText, newStatus: optionalText })),
  invoiceAmount: absent(z.object({ dueAmount: optionalAmount, totalAmount: optionalAmount, currency: optionalText })),
  invoicePaymentAmount: absent(amountBlock.extend({ splits: absent(z.array(splitSchema)) })),
  supplierBankAccountDetails: absent(
    z.object({
      maskedAccountNumber: optionalText,
      ifsc: optionalText,
      beneficiaryName: optionalText,
      businessVPA: optionalText,
    }),
  ),
});

export const paymentResponseSchema = z.object({
  resp: z.object({
    reqMsgId: key.min(1, { error: "must not be empty (it identifies the message)" }),
    result: key,
    errorCd: key,
    errorDtl: z.string(),
    errorField: z.string(),
  }),
  b2bIds: z.object({ buyerB2BId: key, supplierB2BId: key }),
  payment: z.object({
    objectId: key.min(1, { error: "must not be empty (it identifies the payment)" }),
    ts: key,
    type: key,
    mode: key,
    utr: key,
    currency: key,
    // The payment's own totals are what every list shows: required, unlike invoice-level amounts.
    paymentAmount: z.object({
      netPaidAmount: amount,
      netAdjustmentAmount: amount,
      totalAmount: amount,
      currency: optionalText,
    }),
    invoicesPayInfos: z.array(invoicePayInfoSchema),
  }),
  additionalInfos: z.array(z.object({ name: optionalText, value: optionalText })),
});

export type PaymentResponse = z.infer<typeof paymentResponseSchema>;
export type InvoicePayInfoInput = z.infer<typeof invoicePayInfoSchema>;

/** "payment.invoicesPayInfos[0].objectVersion" from a zod issue path. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(body)";
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** The envelope names at most this many problems, then says how many more there were. */
export const MAX_LISTED_PROBLEMS = 50;

/** Every offending field path, in body order, with zod's message (the first MAX_LISTED_PROBLEMS). */
export function describeIssues(error: z.ZodError): FieldProblem[] {
  const problems = error.issues.slice(0, MAX_LISTED_PROBLEMS).map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  const more = error.issues.length - problems.length;
  return more > 0 ? [...problems, { path: "(body)", message: `and ${more} more problems` }] : problems;
}
