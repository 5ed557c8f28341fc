import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "../db";
import { formatInr, parseRupeeInput } from "../money";
import { istDayStart } from "../time";
import type { ListParams } from "./list-params";
import { paymentRowSelect, toPaymentRow, type PaymentRow } from "./payment-row";

export interface PaymentPage {
  rows: PaymentRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  totalAmount: string;
  failures: { count: number; amount: string };
}

const DAY_MS = 86_400_000;

export function paymentWhere(p: ListParams): Prisma.PaymentWhereInput {
  const where: Prisma.PaymentWhereInput = {};
  if (p.result !== "all") where.failed = p.result === "failure";
  if (p.errorCd) where.errorCd = p.errorCd;
  if (p.mode) where.mode = p.mode;
  if (p.type) where.type = p.type;
  if (p.buyer) where.buyerB2BId = p.buyer;
  if (p.supplier) where.supplierB2BId = p.supplier;
  const from = p.from ? istDayStart(p.from) : null;
  const to = p.to ? istDayStart(p.to) : null;
  if (from || to) where.occurredAt = { ...(from ? { gte: from } : {}), ...(to ? { lt: new Date(to.getTime() + DAY_MS) } : {}) };
  const min = p.min ? parseRupeeInput(p.min) : null;
  const max = p.max ? parseRupeeInput(p.max) : null;
  if (min !== null || max !== null) where.totalPaise = { ...(min !== null ? { gte: min } : {}), ...(max !== null ? { lte: max } : {}) };
  if (p.warnings) where.warningCount = { gt: 0 };
  return where;
}

function orderBy(p: ListParams, reverse: boolean): Prisma.PaymentOrderByWithRelationInput[] {
  const dir = (p.dir === "desc") !== reverse ? "desc" : "asc";
  return p.sort === "amount" ? [{ totalPaise: dir }, { id: dir }] : [{ occurredAt: dir }, { id: dir }];
}

/**
 * One page of payments. Pages past the middle are read from the other end of the index
 * (reversed order, small offset), so the last page is as fast as the first.
 */
export async function listPayments(p: ListParams): Promise<PaymentPage> {
  const where = paymentWhere(p);
  // One pass each: count and sum together, for the view and for the failures in it.
  const summarize = (w: Prisma.PaymentWhereInput) => prisma.payment.aggregate({ where: w, _count: { _all: true }, _sum: { totalPaise: true } });
  const none = { _count: { _all: 0 }, _sum: { totalPaise: 0n } };
  const [view, failuresOfAll] = await Promise.all([summarize(where), p.result === "all" ? summarize({ ...where, failed: true }) : null]);
  const failures = p.result === "failure" ? view : (failuresOfAll ?? none);
  const total = view._count._all;
  const pageCount = Math.max(1, Math.ceil(total / p.size));
  const page = Math.min(p.page, pageCount);
  const skip = (page - 1) * p.size;
  const take = Math.max(0, Math.min(p.size, total - skip));
  const fromEnd = skip > total / 2;
  // Ids first: every list index ends in (…, id, failed, totalPaise), so ordering and skipping read
  // the index alone, even where the index cannot give the order and the matches must be sorted.
  // Only the page's own rows are then read from the table.
  const ids = take === 0 ? [] : await prisma.payment.findMany({
    where,
    orderBy: orderBy(p, fromEnd),
    skip: fromEnd ? total - skip - take : skip,
    take,
    select: { id: true },
  });
  if (fromEnd) ids.reverse();
  const byId = new Map((await pageRows(ids.map((r) => r.id))).map((row) => [row.id, row]));
  const rows = ids.flatMap(({ id }) => {
    const row = byId.get(id);
    return row ? [toPaymentRow(row)] : [];
  });
  return {
    rows,
    total,
    page,
    pageSize: p.size,
    pageCount,
    totalAmount: formatInr(view._sum.totalPaise ?? 0n),
    failures: { count: failures._count._all, amount: formatInr(failures._sum.totalPaise ?? 0n) },
  };
}

function pageRows(ids: number[]) {
  return ids.length === 0 ? [] : prisma.payment.findMany({ where: { id: { in: ids } }, select: { ...paymentRowSelect, id: true } });
}

/** Error codes seen, for the filter drop-down: a range on the errorCd index, no table reads. */
export async function listErrorCodes(): Promise<string[]> {
  const groups = await prisma.payment.groupBy({
    by: ["errorCd"],
    where: { errorCd: { gt: "" } },
    orderBy: { errorCd: "asc" },
    take: 200,
  });
  return groups.map((g) => g.errorCd);
}
