import "server-only";
import { z } from "zod";
import { prisma } from "../db";
import { formatInr } from "../money";
import { formatIst } from "../time";
import { describeFailure, humanizeFieldPath } from "./failure-text";
import { toDeliveryRow, type DeliveryRow } from "../deliveries/delivery-row";

const warningsSchema = z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })).catch([]);
const money = (paise: bigint | null) => (paise === null ? "—" : formatInr(paise));

/** Everything the payment page shows, formatted for India and masked. */
export async function getPaymentByObjectId(objectId: string) {
  const p = await prisma.payment.findUnique({
    where: { objectId },
    include: {
      invoices: { orderBy: { position: "asc" }, include: { splits: { orderBy: { position: "asc" } } } },
      additionalInfos: { orderBy: { position: "asc" } },
      deliveries: { orderBy: { id: "desc" }, take: 200 },
    },
  });
  if (!p) return null;
  return {
    objectId: p.objectId,
    reqMsgId: p.reqMsgId,
    result: p.result,
    failed: p.failed,
    failure: p.failed
      ? { summary: describeFailure(p), code: p.errorCd, detail: p.errorDtl, field: p.errorField, fieldInWords: humanizeFieldPath(p.errorField) }
      : null,
    buyerId: p.buyerB2BId,
    supplierId: p.supplierB2BId,
    supplierName: p.supplierName,
    utr: p.utr,
    mode: p.mode,
    type: p.type,
    currency: p.currency,
    tsRaw: p.ts,
    tsIst: p.tsInstant ? formatIst(p.tsInstant) : null,
    firstReceived: formatIst(p.firstReceivedAt),
    amounts: { total: formatInr(p.totalPaise), paid: formatInr(p.netPaidPaise), adjustment: formatInr(p.netAdjustmentPaise), currency: p.amountCurrency },
    warnings: warningsSchema.parse(safeJson(p.warnings)),
    invoices: p.invoices.map((i) => ({
      position: i.position + 1,
      objectId: i.objectId,
      supplierInvoiceNumber: i.supplierInvoiceNumber,
      versions: i.currentVersion === null && i.newVersion === null ? null : `${i.currentVersion ?? "?"} → ${i.newVersion ?? "?"}`,
      status: i.currentStatus === null && i.newStatus === null ? null : `${i.currentStatus ?? "?"} → ${i.newStatus ?? "?"}`,
      invoiceTotal: money(i.invoiceTotalPaise),
      invoiceDue: money(i.invoiceDuePaise),
      paid: money(i.paidPaise),
      adjusted: money(i.adjustmentPaise),
      total: money(i.paymentTotalPaise),
      bank: { account: i.maskedAccountNumber, ifsc: i.ifsc, beneficiary: i.beneficiaryName, vpa: i.businessVPA },
      splits: i.splits.map((s) => ({ name: s.name, value: money(s.valuePaise), refNo: s.refNo })),
    })),
    additionalInfos: p.additionalInfos.map((a) => ({ name: a.name, value: a.value })),
    deliveries: p.deliveries.map(toDeliveryRow),
  };
}

export type PaymentDetail = NonNullable<Awaited<ReturnType<typeof getPaymentByObjectId>>>;
export type { DeliveryRow };

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return [];
  }
}
