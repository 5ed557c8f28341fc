// The Payment Confirmation Response webhook (resp-pay-confirmation, §5 of
// ../shared/enkash/payment-response-webhook.md): the supplier's ACCEPT or REJECT of a payment.
// As for resp-pay (§7), structure is enforced (a 4xx) and values are flagged: the page types its
// fields with enums and patterns, and a supplier's answer is worth keeping even when one is off.
import { z } from "zod";
import { PAYMENT_TYPES, type Warning } from "../enkash/checks";
import { MAX_KEY_LENGTH } from "../enkash/schema";
import { parseEnkashTs } from "../time";

const absent = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
const key = z.string().max(MAX_KEY_LENGTH, { error: `is longer than ${MAX_KEY_LENGTH} characters` });
const optionalText = absent(z.string());

export const SUPPLIER_RESPONSES = ["ACCEPT", "REJECT"] as const;

export const confirmationSchema = z.object({
  resp: z.object({
    reqMsgId: key.min(1, { error: "must not be empty (it identifies the message)" }),
    result: key,
    errorCd: absent(key),
    errorDtl: optionalText,
    errorField: optionalText,
  }),
  b2bIds: z.object({ buyerB2BId: key, supplierB2BId: key }),
  paymentConfirmation: z.object({
    objectId: key.min(1, { error: "must not be empty (it identifies the payment confirmed)" }),
    ts: key,
    type: key,
    supplierResponse: key.min(1, { error: "must be ACCEPT or REJECT" }),
    supplierRemarks: absent(z.string().max(1000, { error: "is longer than 1,000 characters" })),
    invoiceInfos: absent(
      z.array(
        z.object({
          objectId: absent(key),
          supplierInvoiceNumber: absent(key),
          objectVersion: absent(z.object({ currentVersion: absent(z.int32()), newVersion: absent(z.int32()) })),
          statusTransition: absent(z.object({ currentStatus: optionalText, newStatus: optionalText })),
        }),
      ).max(10_000, { error: "holds more than 10,000 invoices" }),
    ),
  }),
  additionalInfo: absent(z.array(z.object({ name: optionalText, value: optionalText }))),
});

export type ConfirmationBody = z.infer<typeof confirmationSchema>;

const B2B_ID = /^[^\\"]{1,100}$/;
const REMARKS = /^[^\\"]{1,100}$/;
const PAYMENT_OBJECT_ID = /^PMT[A-Za-z0-9]{32}$/;

/** Values the confirmation page types more tightly than we enforce: stored, and flagged. */
export function checkConfirmation(body: ConfirmationBody): Warning[] {
  const out: Warning[] = [];
  const flag = (code: string, path: string, message: string) => out.push({ code, path, message, sibling: true });
  const c = body.paymentConfirmation;
  for (const k of ["buyerB2BId", "supplierB2BId"] as const) {
    if (!B2B_ID.test(body.b2bIds[k])) flag("b2b-id-format", `b2bIds.${k}`, "should be 1–100 characters without \" or \\");
  }
  if (!PAYMENT_OBJECT_ID.test(c.objectId)) flag("object-id-format", "paymentConfirmation.objectId", "should be PMT followed by 32 letters or digits");
  if (!(SUPPLIER_RESPONSES as readonly string[]).includes(c.supplierResponse)) flag("response-unknown", "paymentConfirmation.supplierResponse", `"${c.supplierResponse}" is neither ACCEPT nor REJECT`);
  if (c.supplierRemarks !== undefined && !REMARKS.test(c.supplierRemarks)) flag("remarks-format", "paymentConfirmation.supplierRemarks", "should be 1–100 characters without \" or \\");
  if (!(PAYMENT_TYPES as readonly string[]).includes(c.type)) flag("type-unknown", "paymentConfirmation.type", `"${c.type}" is not ONPLATFORM or OFFPLATFORM`);
  if (c.supplierResponse === "REJECT" && c.type === "ONPLATFORM") flag("reject-on-platform", "paymentConfirmation.supplierResponse", "EnKash documents REJECT for off-platform payments only");
  if (!parseEnkashTs(c.ts).ok) flag("ts-unparseable", "paymentConfirmation.ts", `"${c.ts}" is not a recognised timestamp; ordered by the time it was received`);
  return out;
}
