import "server-only";
import { z } from "zod";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { can } from "../auth/roles";
import { readPrisma } from "../db";
import { formatInr } from "../money";
import { formatIst } from "../time";
import { describeFailure, humanizeFieldPath } from "./failure-text";
import { describeErrorCodes } from "./error-codes";
import { statusLabel, type PaymentStatus } from "./status";
import { paymentIntegrity } from "./integrity";
import { getPaymentStory } from "./story";
import { confirmationsOf } from "../confirmations/read";
import { signalsOfPayment } from "../signals/read";
import { bodySelect, deliverySummarySelect, toDeliveryRow, toDeliverySummary, type DeliveryRow, type DeliverySummary, type SummarySource } from "../deliveries/delivery-row";

const warningsSchema = z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })).catch([]);
const money = (paise: bigint | null) => (paise === null ? "—" : formatInr(paise));

/** How many deliveries the payment page lists, and how many of those carry their raw body inline. */
export const HISTORY_LIMIT = 200;
export const INLINE_BODIES = 20;
/** A body larger than this is not shown inline: its delivery page has it. */
export const INLINE_BODY_BYTES = 64 * 1024;
/**
 * Invoices per page of the payment page: a 5,000-invoice payment renders 50 at a time. (100 cards
 * took a 300-invoice payment's page to 111 ms at the 95th percentile, against a 100 ms target.)
 */
export const INVOICES_PER_PAGE = 50;

/**
 * Everything the payment page shows, formatted for India and masked. Raw bodies only for roles
 * that may see them (support sees the history without them). The view is audited.
 */
export async function getPaymentByObjectId(viewer: Viewer, objectId: string, { invoicePage = 1 }: { invoicePage?: number } = {}) {
  authorize(viewer, "payments:read");
  // Positions are 0…invoiceCount-1: a page is a range on the (paymentId, position) key.
  const firstPosition = (Math.max(1, Math.floor(invoicePage)) - 1) * INVOICES_PER_PAGE;
  const p = await readPrisma.payment.findUnique({
    where: { objectId },
    include: {
      invoices: {
        where: { position: { gte: firstPosition, lt: firstPosition + INVOICES_PER_PAGE } },
        orderBy: { position: "asc" },
        include: { splits: { orderBy: { position: "asc" } } },
      },
      additionalInfos: { orderBy: { position: "asc" } },
      deliveries: { orderBy: { id: "desc" }, take: HISTORY_LIMIT, select: deliverySummarySelect },
      _count: { select: { deliveries: true } },
    },
  });
  if (!p) return null;
  const withRaw = can(viewer.role, "raw:read");
  const [deliveries, story, descriptions, integrity, signals, confirmations] = await Promise.all([
    withRaw ? withNewestBodies(p.deliveries) : p.deliveries.map(toDeliverySummary),
    getPaymentStory(p),
    describeErrorCodes([p.errorCd]),
    paymentIntegrity(p.id, p),
    signalsOfPayment(p.id),
    confirmationsOf(p.objectId),
  ]);
  await auditAs(viewer, withRaw ? "payment.view-with-raw" : "payment.view", p.objectId);
  const status = p.status as PaymentStatus;
  return {
    objectId: p.objectId,
    reqMsgId: p.reqMsgId,
    result: p.result,
    status,
    statusLabel: statusLabel(status, p.result),
    failure: status === "failure" || p.errorCd !== ""
      ? {
          summary: describeFailure(p),
          /** The admins' description of the code, when they wrote one. */
          description: descriptions.get(p.errorCd) ?? null,
          code: p.errorCd,
          detail: p.errorDtl,
          field: p.errorField,
          fieldInWords: humanizeFieldPath(p.errorField),
        }
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
    /** False when the current state was ordered by receipt time (ts unrecognised or too far ahead). */
    tsTrusted: p.tsTrusted,
    stateReceived: formatIst(p.stateReceivedAt),
    firstReceived: formatIst(p.firstReceivedAt),
    amounts: { total: formatInr(p.totalPaise), paid: formatInr(p.netPaidPaise), adjustment: formatInr(p.netAdjustmentPaise), currency: p.amountCurrency },
    warnings: warningsSchema.parse(safeJson(p.warnings)),
    invoiceCount: p.invoiceCount,
    invoicePage: Math.floor(firstPosition / INVOICES_PER_PAGE) + 1,
    invoicePages: Math.max(1, Math.ceil(p.invoiceCount / INVOICES_PER_PAGE)),
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
    deliveries,
    deliveryCount: p._count.deliveries,
    story,
    integrity,
    signals,
    /** The supplier's newest answer first (Payment Confirmation Response). */
    confirmations,
    succeededAfterFailing: status === "success" && p.hadFailure,
    amountChanged: p.amountChanged,
  };
}

/**
 * A payment retried many times must not make a page of megabytes: only the newest deliveries
 * carry their raw body here; each older one links to its own page.
 */
async function withNewestBodies(summaries: SummarySource[]): Promise<HistoryEntry[]> {
  const newest = summaries.slice(0, INLINE_BODIES).filter((d) => d.bodyBytes <= INLINE_BODY_BYTES).map((d) => d.id);
  const bodies = await readPrisma.delivery.findMany({ where: { id: { in: newest } }, select: { id: true, ...bodySelect } });
  const byId = new Map(bodies.map((b) => [b.id, b]));
  return summaries.map((d) => {
    const body = byId.get(d.id);
    return body ? toDeliveryRow({ ...d, ...body }) : toDeliverySummary(d);
  });
}

/** One line of a payment's delivery history; the newest ones include their raw body. */
export type HistoryEntry = DeliverySummary | DeliveryRow;

export type PaymentDetail = NonNullable<Awaited<ReturnType<typeof getPaymentByObjectId>>>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return [];
  }
}
