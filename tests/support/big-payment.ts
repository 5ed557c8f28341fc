// Large but realistic resp-pay bodies: one payment settling many invoices, each with bank details
// and splits, whose amounts add up. For the limit tests and bench/big-payloads.mts.
import { readFileSync } from "node:fs";
import path from "node:path";

const example = path.resolve(import.meta.dirname, "../fixtures/enkash/resp-pay-success-two-invoices-neft.json");

export function bigPayment(invoices: number, splitsPerInvoice = 1, tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`): Record<string, any> {
  const body = JSON.parse(readFileSync(example, "utf8"));
  const template = body.payment.invoicesPayInfos[0];
  body.payment.objectId = `PMTBIG${tag}`.toUpperCase();
  body.resp.reqMsgId = `REQBIG${tag}`.toUpperCase();
  body.payment.utr = `UTRBIG${tag}`.toUpperCase().slice(0, 22);
  let paidPaise = 0;
  let adjustmentPaise = 0;
  body.payment.invoicesPayInfos = Array.from({ length: invoices }, (_, i) => {
    const splits = Array.from({ length: splitsPerInvoice }, (_, s) => ({ name: s % 2 ? "TCS_206C" : "TDS_194C", value: 10, refNo: `TDS/194C/2025-26/${i}-${s}` }));
    const adjustment = 10 * splitsPerInvoice;
    const paid = 1000 + (i % 50);
    paidPaise += paid * 100;
    adjustmentPaise += adjustment * 100;
    return {
      ...template,
      objectId: `INV${tag}${i.toString().padStart(6, "0")}`,
      supplierInvoiceNumber: `SGT/2025-26/${i}`,
      invoiceAmount: { dueAmount: paid + adjustment, totalAmount: paid + adjustment, currency: "INR" },
      invoicePaymentAmount: { netPaidAmount: paid, netAdjustmentAmount: adjustment, totalAmount: paid + adjustment, currency: "INR", splits },
    };
  });
  body.payment.paymentAmount = { ...body.payment.paymentAmount, netPaidAmount: paidPaise / 100, netAdjustmentAmount: adjustmentPaise / 100, totalAmount: (paidPaise + adjustmentPaise) / 100 };
  return body;
}
