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
  /** The error in a few words: the admins' description of the code, else EnKash's own text. */
  reason: string | null;
  failure: string | null;
  warningCount: number;
  /** Marks from the payment's story: it succeeded after a failure; its amount changed. */
  succeededAfterFailing: boolean;
  amountChanged: boolean;
}

export type PaymentRowSource = Pick<Payment, "objectId" | "occurredAt" | "utr" | "supplierB2BId" | "supplierName" | "buyerB2BId" | "mode" | "type" | "totalPaise" | "netPaidPaise" | "netAdjustmentPaise" | "invoiceCount" | "result" | "status" | "errorCd" | "errorDtl" | "errorField" | "warningCount" | "hadFailure" | "amountChanged">;

export const paymentRowSelect = {
  objectId: true, occurredAt: true, utr: true, supplierB2BId: true, supplierName: true, buyerB2BId: true, mode: true, type: true,
  totalPaise: true, netPaidPaise: true, netAdjustmentPaise: true, invoiceCount: true, result: true, status: true, errorCd: true,
  errorDtl: true, errorField: true, warningCount: true, hadFailure: true, amountChanged: true,
} as const;

/** `descriptions`: the admins' words for error codes (lib/payments/error-codes.ts). */
export function toPaymentRow(p: PaymentRowSource, descriptions: ReadonlyMap<string, string> = new Map()): PaymentRow {
  const status = p.status as PaymentStatus;
  const hasError = status === "failure" || p.errorCd !== "";
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
    reason: hasError ? (descriptions.get(p.errorCd) ?? (p.errorDtl.trim() || null)) : null,
    failure: hasError ? describeFailure(p) : null,
    warningCount: p.warningCount,
    succeededAfterFailing: status === "success" && p.hadFailure,
    amountChanged: p.amountChanged,
  };
}
