// Maps a validated resp-pay body onto the Payment graph: paise, masked accounts, search keys.
import type { Prisma } from "@/generated/prisma/client";
import { maskAccountNumber } from "../enkash/account-mask";
import type { Warning } from "../enkash/checks";
import type { InvoicePayInfoInput, PaymentResponse } from "../enkash/schema";
import { rupeesToPaise } from "../money";
import { parseEnkashTs } from "../time";
import { normalizeUtr } from "../utr";

const paise = (value: number | undefined) => (value === undefined ? null : rupeesToPaise(value).paise);

export interface PaymentRecord {
  objectId: string;
  reqMsgId: string;
  tsInstant: Date | null;
  scalars: Omit<Prisma.PaymentUncheckedCreateInput, "invoices" | "additionalInfos" | "deliveries" | "firstReceivedAt" | "occurredAt">;
  invoices: Prisma.InvoicePayInfoCreateWithoutPaymentInput[];
  additionalInfos: Prisma.AdditionalInfoCreateWithoutPaymentInput[];
}

export function toPaymentRecord(body: PaymentResponse, warnings: Warning[]): PaymentRecord {
  const { resp, b2bIds, payment } = body;
  const ts = parseEnkashTs(payment.ts);
  const tsInstant = ts.ok ? ts.instant : null;
  const firstBank = payment.invoicesPayInfos[0]?.supplierBankAccountDetails;
  return {
    objectId: payment.objectId,
    reqMsgId: resp.reqMsgId,
    tsInstant,
    scalars: {
      objectId: payment.objectId,
      reqMsgId: resp.reqMsgId,
      result: resp.result,
      failed: resp.result !== "SUCCESS" || resp.errorCd.trim() !== "",
      errorCd: resp.errorCd,
      errorDtl: resp.errorDtl,
      errorField: resp.errorField,
      buyerB2BId: b2bIds.buyerB2BId,
      supplierB2BId: b2bIds.supplierB2BId,
      supplierName: firstBank?.beneficiaryName ?? null,
      ts: payment.ts,
      tsInstant,
      type: payment.type,
      mode: payment.mode,
      utr: payment.utr,
      utrNormalized: normalizeUtr(payment.utr),
      currency: payment.currency,
      netPaidPaise: rupeesToPaise(payment.paymentAmount.netPaidAmount).paise,
      netAdjustmentPaise: rupeesToPaise(payment.paymentAmount.netAdjustmentAmount).paise,
      totalPaise: rupeesToPaise(payment.paymentAmount.totalAmount).paise,
      amountCurrency: payment.paymentAmount.currency ?? payment.currency,
      invoiceCount: payment.invoicesPayInfos.length,
      warnings: JSON.stringify(warnings.map(({ code, path, message }) => ({ code, path, message }))),
      warningCount: warnings.length,
    },
    invoices: payment.invoicesPayInfos.map(toInvoice),
    additionalInfos: body.additionalInfos.map((info, position) => ({ position, name: info.name ?? null, value: info.value ?? null })),
  };
}

function toInvoice(invoice: InvoicePayInfoInput, position: number): Prisma.InvoicePayInfoCreateWithoutPaymentInput {
  const ipa = invoice.invoicePaymentAmount;
  const bank = invoice.supplierBankAccountDetails;
  return {
    position,
    objectId: invoice.objectId ?? null,
    supplierInvoiceNumber: invoice.supplierInvoiceNumber ?? null,
    currentVersion: invoice.objectVersion?.currentVersion ?? null,
    newVersion: invoice.objectVersion?.newVersion ?? null,
    currentStatus: invoice.statusTransition?.currentStatus ?? null,
    newStatus: invoice.statusTransition?.newStatus ?? null,
    invoiceDuePaise: paise(invoice.invoiceAmount?.dueAmount),
    invoiceTotalPaise: paise(invoice.invoiceAmount?.totalAmount),
    invoiceCurrency: invoice.invoiceAmount?.currency ?? null,
    paidPaise: paise(ipa?.netPaidAmount),
    adjustmentPaise: paise(ipa?.netAdjustmentAmount),
    paymentTotalPaise: paise(ipa?.totalAmount),
    paymentCurrency: ipa?.currency ?? null,
    maskedAccountNumber: bank?.maskedAccountNumber === undefined ? null : maskAccountNumber(bank.maskedAccountNumber),
    ifsc: bank?.ifsc ?? null,
    beneficiaryName: bank?.beneficiaryName ?? null,
    businessVPA: bank?.businessVPA ?? null,
    splits: {
      create: (ipa?.splits ?? []).map((split, i) => ({
        position: i,
        name: split.name ?? null,
        valuePaise: paise(split.value),
        refNo: split.refNo ?? null,
      })),
    },
  };
}
