// Masking a resp-pay body: the generic rule of lib/masking with the layout of this message, so
// that its identifiers (quoted verbatim by support) and its amounts are recognised as such.
import { maskJsonText, type MaskedText, type Shape } from "../masking/json-text";
import { parseEnkashTs } from "../time";
import { CONFIRMATION_ENDPOINT } from "./endpoints";
import { MAX_AMOUNT_RUPEES } from "./schema";

const object = (fields: Record<string, Shape>): Shape => ({ kind: "object", fields: new Map(Object.entries(fields)) });
const array = (items: Shape): Shape => ({ kind: "array", items });
const amounts = (...names: string[]) => Object.fromEntries(names.map((n) => [n, "number" as const]));

/**
 * Identifiers ("id") are kept as sent: they are what support searches for. payment.ts is kept
 * when it is a time. Documented numbers (amounts, versions) are kept within the amount cap.
 * Everything else is free text.
 */
export const RESP_PAY_SHAPE: Shape = object({
  resp: object({ reqMsgId: "id" }),
  b2bIds: object({ buyerB2BId: "id", supplierB2BId: "id" }),
  payment: object({
    objectId: "id",
    utr: "id",
    ts: "ts",
    paymentAmount: object(amounts("netPaidAmount", "netAdjustmentAmount", "totalAmount")),
    invoicesPayInfos: array(
      object({
        objectId: "id",
        supplierInvoiceNumber: "id",
        objectVersion: object(amounts("currentVersion", "newVersion")),
        invoiceAmount: object(amounts("dueAmount", "totalAmount")),
        invoicePaymentAmount: object({
          ...amounts("netPaidAmount", "netAdjustmentAmount", "totalAmount"),
          splits: array(object(amounts("value"))),
        }),
      }),
    ),
  }),
});

/** The body with every account number masked to its last four digits (see lib/masking/rules.ts). */
export function maskPaymentResponseText(text: string): MaskedText {
  return maskJsonText(text, { shape: RESP_PAY_SHAPE, isTime: (value) => parseEnkashTs(value).ok, maxNumber: MAX_AMOUNT_RUPEES });
}

/** The Payment Confirmation Response (§5): its identifiers kept, everything else free text. */
export const CONFIRMATION_SHAPE: Shape = object({
  resp: object({ reqMsgId: "id" }),
  b2bIds: object({ buyerB2BId: "id", supplierB2BId: "id" }),
  paymentConfirmation: object({
    objectId: "id",
    ts: "ts",
    invoiceInfos: array(object({ objectId: "id", supplierInvoiceNumber: "id", objectVersion: object(amounts("currentVersion", "newVersion")) })),
  }),
});

export function maskConfirmationText(text: string): MaskedText {
  return maskJsonText(text, { shape: CONFIRMATION_SHAPE, isTime: (value) => parseEnkashTs(value).ok, maxNumber: MAX_AMOUNT_RUPEES });
}

/** The masking for a body sent to a webhook (Delivery.endpoint). */
export function maskerFor(endpoint: string): (text: string) => MaskedText {
  return endpoint === CONFIRMATION_ENDPOINT ? maskConfirmationText : maskPaymentResponseText;
}
