// The list's row: plain, already formatted and masked, safe to hand to a client component.
import type { Payment } from "@/generated/prisma/client";
import { formatInr } from "../money";
import { formatIst } from "../time";
import { describeFailure } from "./failure-text";

export interface PaymentRow {
  objectId: string;
  time: string;
  utr: string;
  supplierId: string;
  supplierName: string | null;
  buyerId: string;
  mode: string;
  type: string;
  amount: string;
  invoiceCount: number;
  result: string;
  failed: boolean;
  errorCd: string;
  failure: string | null;
  warningCount: number;
}

export type PaymentRowSource = Pick<Payment, "objectId" | "occurredAt" | "utr" | "supplierB2BId" | "supplierName" | "buyerB2BId" | "mode" | "type" | "totalPaise" | "invoiceCount" | "result" | "failed" | "errorCd" | "errorDtl" | "errorField" | "warningCount">;

export const paymentRowSelect = {
  objectId: true, occurredAt: true, utr: true, supplierB2BId: true, supplierName: true, buyerB2BId: true, mode: true, type: true,
  totalPaise: true, invoiceCount: true, result: true, failed: true, errorCd: true, errorDtl: true, errorField: true, warningCount: true,
} as const;

export function toPaymentRow(p: PaymentRowSource): PaymentRow {
  return {
    objectId: p.objectId,
    time: formatIst(p.occurredAt, { suffix: false }),
    utr: p.utr,
    supplierId: p.supplierB2BId,
    supplierName: p.supplierName,
    buyerId: p.buyerB2BId,
    mode: p.mode,
    type: p.type,
    amount: formatInr(p.totalPaise),
    invoiceCount: p.invoiceCount,
    result: p.result,
    failed: p.failed,
    errorCd: p.errorCd,
    failure: p.failed ? describeFailure(p) : null,
    warningCount: p.warningCount,
  };
}
