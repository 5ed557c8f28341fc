import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { authorize, type Viewer } from "../auth/access";
import { readPrisma } from "../db";
import { formatInr, parseRupeeInput } from "../money";
import { istDayEnd, istDayStart } from "../time";
import { withReasons } from "./error-codes";
import type { ListParams } from "./list-params";
import { paymentRowSelect, type PaymentRow } from "./payment-row";
import { STATUSES, type PaymentStatus } from "./status";

/** Count and amount of one slice of the view. Amounts are payment totals (gross of adjustments). */
export interface Tally {
  count: number;
  amount: string;
}

export interface PaymentPage {
  rows: PaymentRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** Count and total amount of the whole view, and of each result in it. */
  all: Tally;
  byStatus: Record<PaymentStatus, Tally>;
}

/** One filter of the list, readable both as a Prisma where and as SQL (one source for both). */
type Condition =
  | { column: "status" | "errorCd" | "mode" | "type" | "buyerB2BId" | "supplierB2BId"; op: "="; value: string }
  | { column: "occurredAt"; op: ">=" | "<"; value: Date }
  | { column: "totalPaise"; op: ">=" | "<="; value: bigint }
  | { column: "warningCount" | "integrityIssueCount"; op: ">"; value: number };

function conditionsOf(p: ListParams): Condition[] {
  const out: Condition[] = [];
  if (p.result !== "all") out.push({ column: "status", op: "=", value: p.result });
  const equal = [["errorCd", p.errorCd], ["mode", p.mode], ["type", p.type], ["buyerB2BId", p.buyer], ["supplierB2BId", p.supplier]] as const;
  for (const [column, value] of equal) if (value !== undefined) out.push({ column, op: "=", value });
  const from = p.from ? istDayStart(p.from) : null;
  const to = p.to ? istDayEnd(p.to) : null;
  if (from) out.push({ column: "occurredAt", op: ">=", value: from });
  if (to) out.push({ column: "occurredAt", op: "<", value: to });
  const min = p.min ? parseRupeeInput(p.min) : null;
  const max = p.max ? parseRupeeInput(p.max) : null;
  if (min !== null) out.push({ column: "totalPaise", op: ">=", value: min });
  if (max !== null) out.push({ column: "totalPaise", op: "<=", value: max });
  if (p.warnings) out.push({ column: "warningCount", op: ">", value: 0 });
  if (p.integrity) out.push({ column: "integrityIssueCount", op: ">", value: 0 });
  return out;
}

const PRISMA_OPS = { "=": "equals", ">=": "gte", "<": "lt", "<=": "lte", ">": "gt" } as const;

export function paymentWhere(p: ListParams): Prisma.PaymentWhereInput {
  const where: Record<string, Record<string, unknown>> = {};
  for (const c of conditionsOf(p)) where[c.column] = { ...where[c.column], [PRISMA_OPS[c.op]]: c.value };
  return where as Prisma.PaymentWhereInput;
}

function sqlWhere(p: ListParams): Prisma.Sql {
  const parts = conditionsOf(p).map((c) => Prisma.sql`${Prisma.raw(`"${c.column}" ${c.op}`)} ${c.value}`);
  return parts.length === 0 ? Prisma.empty : Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}`;
}

// SQLite sums 64-bit integers and fails on overflow; at the amount cap (₹1 lakh crore, 10^14
// paise) 10^8 payments would need 10^22. So the sum is taken in two parts that cannot overflow
// below ~9 × 10^9 rows: whole units of 10^9 paise, and the remainders (README → Totals).
const SPLIT = 1_000_000_000n;

/** Count and exact sum per status for the view, read from the list indexes alone. */
async function tallies(p: ListParams): Promise<Record<PaymentStatus, { count: bigint; paise: bigint }>> {
  const rows = await readPrisma.$queryRaw<{ status: string; n: string; high: string | null; low: string | null }[]>`
    SELECT "status", CAST(COUNT(*) AS TEXT) AS n,
           CAST(SUM("totalPaise" / ${Prisma.raw(SPLIT.toString())}) AS TEXT) AS high,
           CAST(SUM("totalPaise" % ${Prisma.raw(SPLIT.toString())}) AS TEXT) AS low
    FROM "Payment" ${sqlWhere(p)} GROUP BY "status"`;
  const out = Object.fromEntries(STATUSES.map((s) => [s, { count: 0n, paise: 0n }])) as Record<PaymentStatus, { count: bigint; paise: bigint }>;
  for (const row of rows) {
    if (!(STATUSES as readonly string[]).includes(row.status)) continue;
    out[row.status as PaymentStatus] = { count: BigInt(row.n), paise: BigInt(row.high ?? "0") * SPLIT + BigInt(row.low ?? "0") };
  }
  return out;
}

/** The view's order (`reverse`: read from the other end), ties broken by id. */
export function orderBy(p: ListParams, reverse = false): Prisma.PaymentOrderByWithRelationInput[] {
  const dir = (p.dir === "desc") !== reverse ? "desc" : "asc";
  return p.sort === "amount" ? [{ totalPaise: dir }, { id: dir }] : [{ occurredAt: dir }, { id: dir }];
}

const tally = (count: bigint, paise: bigint): Tally => ({ count: Number(count), amount: formatInr(paise) });

/**
 * One page of payments. Pages past the middle are read from the other end of the index
 * (reversed order, small offset), so the last page is as fast as the first.
 */
export async function listPayments(viewer: Viewer, p: ListParams): Promise<PaymentPage> {
  authorize(viewer, "payments:browse");
  const where = paymentWhere(p);
  const byStatus = await tallies(p);
  const count = STATUSES.reduce((sum, s) => sum + byStatus[s].count, 0n);
  const paise = STATUSES.reduce((sum, s) => sum + byStatus[s].paise, 0n);
  const total = Number(count);
  const pageCount = Math.max(1, Math.ceil(total / p.size));
  const page = Math.min(p.page, pageCount);
  const skip = (page - 1) * p.size;
  const take = Math.max(0, Math.min(p.size, total - skip));
  const fromEnd = skip > total / 2;
  // Ids first: every list index ends in (…, id, status, totalPaise), so ordering and skipping read
  // the index alone, even where the index cannot give the order and the matches must be sorted.
  // Only the page's own rows are then read from the table.
  const ids = take === 0 ? [] : await readPrisma.payment.findMany({
    where,
    orderBy: orderBy(p, fromEnd),
    skip: fromEnd ? total - skip - take : skip,
    take,
    select: { id: true },
  });
  if (fromEnd) ids.reverse();
  const found = await pageRows(ids.map((r) => r.id));
  const byId = new Map(found.map((row) => [row.id, row]));
  const ordered = ids.flatMap(({ id }) => byId.get(id) ?? []);
  const rows = await withReasons(ordered);
  return {
    rows,
    total,
    page,
    pageSize: p.size,
    pageCount,
    all: tally(count, paise),
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, tally(byStatus[s].count, byStatus[s].paise)])) as Record<PaymentStatus, Tally>,
  };
}

function pageRows(ids: number[]) {
  return ids.length === 0 ? [] : readPrisma.payment.findMany({ where: { id: { in: ids } }, select: { ...paymentRowSelect, id: true } });
}
