// The list's row: plain, already formatted and masked, safe to hand to a client component.
import type { Payment } from "@/generated/prisma/client";
import { formatInr } from "../money";
import { formatIst } from "../time";
import { describeFailure } from "./failure-text";
import { statusLabel, type PaymentStatus } from "./status";

export interface PaymentRow {
  objectId: string;
  time: string;
  utr: string;
  supplierId: string;
  supplierName: string | null;
  buyerId: string;
  mode: string;
  type: string;
  /** Payment total, gross of adjustments (TDS, credit notes). */
  amount: string;
  /** Net paid when adjustments make it differ from the total. */
  netPaid: string | null;
  invoiceCount: number;
  result: string;
  status: PaymentStatus;
  /** "Success", "Failed", or EnKash's own word (PENDING…). */
  statusLabel: string;
  errorCd: string;
  failure: string | null;
  warningCount: number;
}

export type PaymentRowSource = Pick<Payment, "objectId" | "occurredAt" | "utr" | "supplierB2BId" | "supplierName" | "buyerB2BId" | "mode" | "type" | "totalPaise" | "netPaidPaise" | "netAdjustmentPaise" | "invoiceCount" | "result" | "status" | "errorCd" | "errorDtl" | "errorField" | "warningCount">;

export const paymentRowSelect = {
  objectId: true, occurredAt: true, utr: true, supplierB2BId: true, supplierName: true, buyerB2BId: true, mode: true, type: true,
  totalPaise: true, netPaidPaise: true, netAdjustmentPaise: true, invoiceCount: true, result: true, status: true, errorCd: true,
  errorDtl: true, errorField: true, warningCount: true,
} as const;

export function toPaymentRow(p: PaymentRowSource): PaymentRow {
  const status = p.status as PaymentStatus;
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
    netPaid: p.netAdjustmentPaise === 0n ? null : formatInr(p.netPaidPaise),
    invoiceCount: p.invoiceCount,
    result: p.result,
    status,
    statusLabel: statusLabel(status, p.result),
    errorCd: p.errorCd,
    failure: status === "failure" || p.errorCd !== "" ? describeFailure(p) : null,
    warningCount: p.warningCount,
  };
}
