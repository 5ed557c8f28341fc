// Structure of the resp-pay body, per §2 and §7 of ../shared/enkash/payment-response-webhook.md.
// Only what the resp-pay page documents is enforced here (a violation is a 4xx); value checks
// that come from sibling pages or our inference live in checks.ts and only flag.
import { z } from "zod";

/** A finite JSON number (zod 4's z.number() already refuses Infinity and NaN). */
const amount = z.number();
const optionalAmount = amount.optional();
const optionalText = z.string().optional();
const optionalInt = z.number().int().optional();

const amountBlock = z.object({
  netPaidAmount: optionalAmount,
  netAdjustmentAmount: optionalAmount,
  totalAmount: optionalAmount,
  currency: optionalText,
});

export const splitSchema = z.object({ name: optionalText, value: optionalAmount, refNo: optionalText });

export const invoicePayInfoSchema = z.object({
  objectId: optionalText,
  supplierInvoiceNumber: optionalText,
  objectVersion: z.object({ currentVersion: optionalInt, newVersion: optionalInt }).optional(),
  statusTransition: z.object({ currentStatus: optionalText, newStatus: optionalText }).optional(),
  invoiceAmount: z.object({ dueAmount: optionalAmount, totalAmount: optionalAmount, currency: optionalText }).optional(),
  invoicePaymentAmount: amountBlock.extend({ splits: z.array(splitSchema).optional() }).optional(),
  supplierBankAccountDetails: z
    .object({
      maskedAccountNumber: optionalText,
      ifsc: optionalText,
      beneficiaryName: optionalText,
      businessVPA: optionalText,
    })
    .optional(),
});

export const paymentResponseSchema = z.object({
  resp: z.object({
    reqMsgId: z.string().min(1, { error: "must not be empty (it identifies the message)" }),
    result: z.string(),
    errorCd: z.string(),
    errorDtl: z.string(),
    errorField: z.string(),
  }),
  b2bIds: z.object({ buyerB2BId: z.string(), supplierB2BId: z.string() }),
  payment: z.object({
    objectId: z.string().min(1, { error: "must not be empty (it identifies the payment)" }),
    ts: z.string(),
    type: z.string(),
    mode: z.string(),
    utr: z.string(),
    currency: z.string(),
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

/** Every offending field path, in body order, with zod's message. */
export function describeIssues(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
