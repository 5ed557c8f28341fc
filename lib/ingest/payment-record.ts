// Maps a validated resp-pay body onto the Payment graph: paise, masked accounts, search keys.
// The body is already masked (lib/enkash/mask-body.ts): nothing here needs to hide anything.
import type { Prisma } from "@/generated/prisma/client";
import { INTEGRITY_WARNINGS, type Warning } from "../enkash/checks";
import type { InvoicePayInfoInput, PaymentResponse } from "../enkash/schema";
import { rupeesToPaise } from "../money";
import { paymentStatus } from "../payments/status";
import { isTrustedTs, parseEnkashTs } from "../time";
import { invoiceNumberKey } from "../signals/invoice-keys";
import { normalizeUtr } from "../utr";
import type { Timing } from "./ordering";

const paise = (value: number | undefined) => (value === undefined ? null : rupeesToPaise(value).paise);

export interface PaymentRecord {
  objectId: string;
  reqMsgId: string;
  /** Where this message stands in the payment's order (lib/ingest/ordering.ts). */
  timing: Timing;
  scalars: Omit<Prisma.PaymentUncheckedCreateInput, "id" | "invoices" | "additionalInfos" | "deliveries" | "messages" | "firstReceivedAt">;
  invoices: InvoiceRow[];
  additionalInfos: Omit<Prisma.AdditionalInfoCreateManyInput, "id" | "paymentId">[];
}

/** One invoice pay info and its splits, as rows (stored in batches: lib/ingest/store.ts). */
export interface InvoiceRow {
  row: Omit<Prisma.InvoicePayInfoCreateManyInput, "id" | "paymentId"> & { position: number };
  splits: Omit<Prisma.InvoiceSplitCreateManyInput, "id" | "invoiceId">[];
}

export function toPaymentRecord(body: PaymentResponse, warnings: Warning[], receivedAt: Date): PaymentRecord {
  const { resp, b2bIds, payment } = body;
  const ts = parseEnkashTs(payment.ts);
  const tsInstant = ts.ok ? ts.instant : null;
  const tsTrusted = tsInstant !== null && isTrustedTs(tsInstant, receivedAt);
  const firstBank = payment.invoicesPayInfos[0]?.supplierBankAccountDetails;
  return {
    objectId: payment.objectId,
    reqMsgId: resp.reqMsgId,
    timing: { tsInstant, tsTrusted, receivedAt },
    scalars: {
      objectId: payment.objectId,
      reqMsgId: resp.reqMsgId,
      result: resp.result,
      status: paymentStatus(resp.result, resp.errorCd),
      errorCd: resp.errorCd,
      errorDtl: resp.errorDtl,
      errorField: resp.errorField,
      buyerB2BId: b2bIds.buyerB2BId,
      supplierB2BId: b2bIds.supplierB2BId,
      supplierName: firstBank?.beneficiaryName ?? null,
      ts: payment.ts,
      tsInstant,
      tsTrusted,
      stateReceivedAt: receivedAt,
      occurredAt: tsTrusted && tsInstant ? tsInstant : receivedAt,
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
      warnings: JSON.stringify(listedWarnings(warnings)),
      warningCount: warnings.length,
      integrityIssueCount: warnings.filter((w) => INTEGRITY_WARNINGS.has(w.code)).length,
    },
    invoices: payment.invoicesPayInfos.map(toInvoice),
    additionalInfos: body.additionalInfos.map((info, position) => ({ position, name: info.name ?? null, value: info.value ?? null })),
  };
}

function toInvoice(invoice: InvoicePayInfoInput, position: number): InvoiceRow {
  const ipa = invoice.invoicePaymentAmount;
  const bank = invoice.supplierBankAccountDetails;
  return {
    row: {
      position,
      objectId: invoice.objectId ?? null,
      supplierInvoiceNumber: invoice.supplierInvoiceNumber ?? null,
      invoiceNumberKey: invoiceNumberKey(invoice.supplierInvoiceNumber),
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
      maskedAccountNumber: bank?.maskedAccountNumber ?? null,
      ifsc: bank?.ifsc ?? null,
      beneficiaryName: bank?.beneficiaryName ?? null,
      businessVPA: bank?.businessVPA ?? null,
    },
    splits: (ipa?.splits ?? []).map((split, i) => ({
      position: i,
      name: split.name ?? null,
      valuePaise: paise(split.value),
      refNo: split.refNo ?? null,
    })),
  };
}

/** At most this many warnings are listed with a payment; the count says how many there were. */
export const MAX_LISTED_WARNINGS = 50;

function listedWarnings(warnings: Warning[]) {
  const listed = warnings.slice(0, MAX_LISTED_WARNINGS).map(({ code, path, message }) => ({ code, path, message }));
  if (warnings.length > MAX_LISTED_WARNINGS) {
    listed.push({ code: "more-warnings", path: "(body)", message: `${warnings.length - MAX_LISTED_WARNINGS} more warnings are not listed` });
  }
  return listed;
}
