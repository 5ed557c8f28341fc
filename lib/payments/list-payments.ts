import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { authorize, type Viewer } from "../auth/access";
import { readPrisma } from "../db";
import { exactSum, joinSum } from "../exact-sum";
import { formatInr, parseRupeeInput } from "../money";
import { rollupVersion, VersionedCache } from "../overview/daily-totals";
import { readRows } from "../read-rows";
import { istDayEnd, istDayStart } from "../time";
import { withReasons } from "./error-codes";
import { cursorOf, readCursor, type ListParams } from "./list-params";
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
  /** Keyset cursors for the Next and Previous links: the page's last and first rows. */
  cursors: { next: string | null; prev: string | null };
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

/** The view's filters as SQL conditions, to be joined with AND. */
function sqlConditions(p: ListParams): Prisma.Sql[] {
  return conditionsOf(p).map((c) => Prisma.sql`${Prisma.raw(`"${c.column}" ${c.op}`)} ${c.value}`);
}

const whereOf = (parts: Prisma.Sql[]) => (parts.length === 0 ? Prisma.empty : Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}`);

function sqlWhere(p: ListParams): Prisma.Sql {
  return whereOf(sqlConditions(p));
}

/**
 * `columns` of the view's rows past `past` (its sort key and id) in the order read, at most `limit`:
 * a range on the (sort key, id) index. The list's Next and Previous links and the export read so.
 */
export function keysetQuery(
  p: ListParams,
  { columns, past, descending, limit }: { columns: Prisma.Sql; past: { key: Date | bigint; id: number } | null; descending: boolean; limit: number },
): Prisma.Sql {
  const column = p.sort === "amount" ? "totalPaise" : "occurredAt";
  const conditions = sqlConditions(p);
  if (past) {
    const [beyond, bound] = descending ? ["<", "<="] : [">", ">="];
    // The plain bound first makes it an index range on PostgreSQL (an OR alone is a filter, which
    // would read every row before the cursor).
    conditions.push(
      Prisma.sql`${Prisma.raw(`"${column}" ${bound}`)} ${past.key}`,
      Prisma.sql`(${Prisma.raw(`"${column}" ${beyond}`)} ${past.key} OR (${Prisma.raw(`"${column}" =`)} ${past.key} AND ${Prisma.raw(`"id" ${beyond}`)} ${past.id}))`,
    );
  }
  const dir = descending ? "DESC" : "ASC";
  return Prisma.sql`SELECT ${columns} FROM "Payment" ${whereOf(conditions)} ORDER BY ${Prisma.raw(`"${column}" ${dir}, "id" ${dir}`)} LIMIT ${limit}`;
}

type Tallies = Record<PaymentStatus, { count: bigint; paise: bigint }>;

/**
 * Count and exact sum per status for the view. A view that filters by nothing but result, error
 * code, mode, type and whole IST days (the unfiltered list among them) is read from the daily rollup,
 * which ingest keeps exactly with every payment (lib/overview/daily-totals.ts): a few thousand rows
 * however many payments there are. Any other view is read from the list indexes alone.
 */
async function tallies(p: ListParams): Promise<Tallies> {
  const rows = talliesSource(p) === "rollup" ? await rollupTallies(p) : await indexTallies(p);
  const out = Object.fromEntries(STATUSES.map((s) => [s, { count: 0n, paise: 0n }])) as Tallies;
  for (const row of rows) {
    if (!(STATUSES as readonly string[]).includes(row.status)) continue;
    out[row.status as PaymentStatus] = { count: BigInt(row.n), paise: joinSum(row.high, row.low) };
  }
  return out;
}

type TallyRow = { status: string; n: string; high: string | null; low: string | null };

/** The conditions the daily rollup can answer: its groups are (IST day, status, error code, mode, type). */
const ROLLUP_COLUMNS = new Set<Condition["column"]>(["status", "errorCd", "mode", "type", "occurredAt"]);

/** Which source a view's tallies come from (tests/payments-queries.test.ts guards it). */
export function talliesSource(p: ListParams): "rollup" | "index" {
  return conditionsOf(p).every((c) => ROLLUP_COLUMNS.has(c.column)) ? "rollup" : "index";
}

/** The view's conditions on the daily rollup's columns (only for a view that talliesSource sends there). */
function rollupWhere(p: ListParams): Prisma.Sql {
  const where = [
    ...(p.result !== "all" ? [Prisma.sql`"status" = ${p.result}`] : []),
    ...(p.errorCd !== undefined ? [Prisma.sql`"errorCd" = ${p.errorCd}`] : []),
    ...(p.mode !== undefined ? [Prisma.sql`"mode" = ${p.mode}`] : []),
    ...(p.type !== undefined ? [Prisma.sql`"type" = ${p.type}`] : []),
    ...(p.from ? [Prisma.sql`"day" >= ${p.from}`] : []),
    ...(p.to ? [Prisma.sql`"day" <= ${p.to}`] : []),
  ];
  return where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
}

/** Views' tallies from the rollup, kept while the rollup's version is unchanged (SQLite only: rollupVersion). */
const rollupTalliesCache = new VersionedCache<TallyRow[]>(100);

/**
 * Adding up a view's rollup rows reads all of them (20 ms for the unfiltered list at 1 M payments
 * on SQLite, on every page): the answer is kept until the rollup changes. The version is read
 * before the rows, so a change in between can only make the kept answer newer than its version.
 */
async function rollupTallies(p: ListParams): Promise<TallyRow[]> {
  const where = rollupWhere(p);
  const version = await rollupVersion();
  const key = JSON.stringify([where.sql, where.values]);
  const kept = version === null ? undefined : rollupTalliesCache.get(key, version);
  if (kept) return kept;
  const rows = await readPrisma.$queryRaw<TallyRow[]>`
    SELECT "status", CAST(SUM("payments") AS TEXT) AS n, ${exactSum("paise")}
    FROM "DailyTotal" ${where} GROUP BY "status"`;
  if (version !== null) rollupTalliesCache.set(key, version, rows);
  return rows;
}

function indexTallies(p: ListParams): Promise<TallyRow[]> {
  return readPrisma.$queryRaw<TallyRow[]>`
    SELECT "status", CAST(COUNT(*) AS TEXT) AS n, ${exactSum("totalPaise")}
    FROM "Payment" ${sqlWhere(p)} GROUP BY "status"`;
}

/** The view's order (`reverse`: read from the other end), ties broken by id. */
export function orderBy(p: ListParams, reverse = false): Prisma.PaymentOrderByWithRelationInput[] {
  const dir = (p.dir === "desc") !== reverse ? "desc" : "asc";
  return p.sort === "amount" ? [{ totalPaise: dir }, { id: dir }] : [{ occurredAt: dir }, { id: dir }];
}

const tally = (count: bigint, paise: bigint): Tally => ({ count: Number(count), amount: formatInr(paise) });

/**
 * One page of payments. A page reached by a Next or Previous link is read from its keyset cursor:
 * the rows next to the cursor's, at any depth. A page reached by its number is read from the nearer
 * end of the index (pages past the middle in reverse order, with a small offset), so the last page
 * is as fast as the first; a jump into the middle of a view in date order starts from its IST day
 * (daySeek), and only a jump into the middle of a view by amount, or filtered by supplier, buyer,
 * amount or flags, skips many index entries. `daySeekFrom`: tests lower it to page small views so.
 */
export async function listPayments(viewer: Viewer, p: ListParams, { daySeekFrom = DAY_SEEK_FROM } = {}): Promise<PaymentPage> {
  authorize(viewer, "payments:browse");
  const byStatus = await tallies(p);
  const count = STATUSES.reduce((sum, s) => sum + byStatus[s].count, 0n);
  const paise = STATUSES.reduce((sum, s) => sum + byStatus[s].paise, 0n);
  const total = Number(count);
  const pageCount = Math.max(1, Math.ceil(total / p.size));
  const page = Math.min(p.page, pageCount);
  const keys = (await keysetPage(p)) ?? (await numberedPage(p, page, total, daySeekFrom));
  const found = await pageRows(keys.map((r) => r.id));
  const byId = new Map(found.map((row) => [row.id, row]));
  const ordered = keys.flatMap(({ id }) => byId.get(id) ?? []);
  const rows = await withReasons(ordered);
  const [first, last] = [keys[0], keys[keys.length - 1]];
  return {
    rows,
    total,
    page,
    pageSize: p.size,
    pageCount,
    all: tally(count, paise),
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, tally(byStatus[s].count, byStatus[s].paise)])) as Record<PaymentStatus, Tally>,
    cursors: { next: last ? cursorOf(p.sort, last) : null, prev: first ? cursorOf(p.sort, first) : null },
  };
}

/** A page's rows as the list indexes give them: the id and the sort keys, in the view's order. */
type PageKey = { id: number; occurredAt: Date; totalPaise: bigint };
const pageKeySelect = { id: true, occurredAt: true, totalPaise: true } as const;
const PAGE_KEY_FIELDS = { id: "int", occurredAt: "date", totalPaise: "bigint" } as const;
const PAGE_KEY_COLUMNS = Prisma.raw(`"id", "occurredAt", "totalPaise"`);

/**
 * Below this many rows to skip, a page by its number skips them in the index; from it, a view in
 * date order that the daily rollup counts first finds the IST day its page starts in. Skipping costs
 * about 0.13 µs a row and reading the rollup's per-day counts about as much per rollup row (SQLite,
 * 1 M payments: 64 ms to skip 500,000 rows, 8 ms to read 54,636 rollup rows).
 */
export const DAY_SEEK_FROM = 50_000;

/** The page by its number. Ids first: every list index ends in (…, id, status, totalPaise). */
async function numberedPage(p: ListParams, page: number, total: number, daySeekFrom: number): Promise<PageKey[]> {
  const skip = (page - 1) * p.size;
  const take = Math.max(0, Math.min(p.size, total - skip));
  if (take === 0) return [];
  const fromEnd = skip > total / 2;
  let offset = fromEnd ? total - skip - take : skip;
  let where = paymentWhere(p);
  if (offset > 0 && offset >= daySeekFrom && p.sort !== "amount" && talliesSource(p) === "rollup") {
    const seek = await daySeek(p, (p.dir === "desc") !== fromEnd, offset);
    if (seek) {
      offset -= seek.before;
      where = { AND: [where, seek.from] };
    }
  }
  const keys = await readPrisma.payment.findMany({ where, orderBy: orderBy(p, fromEnd), skip: offset, take, select: pageKeySelect });
  return fromEnd ? keys.reverse() : keys;
}

/**
 * Where row `offset` of the view falls, in date order read `descending` or not: the IST day it is
 * in, as the bound from which that day's rows are read first, and how many rows of the view come
 * before that day. Read from the daily rollup, which ingest keeps exactly with every payment (the
 * view's count comes from it too); null when the rollup has fewer rows than the offset.
 */
async function daySeek(p: ListParams, descending: boolean, offset: number): Promise<{ before: number; from: Prisma.PaymentWhereInput } | null> {
  const days = await readPrisma.$queryRaw<{ day: string; n: string }[]>`
    SELECT "day", CAST(SUM("payments") AS TEXT) AS n
    FROM "DailyTotal" ${rollupWhere(p)} GROUP BY "day" ORDER BY "day" ${Prisma.raw(descending ? "DESC" : "ASC")}`;
  let before = 0;
  for (const { day, n } of days) {
    const count = Number(n);
    if (before + count > offset) {
      const from = descending ? { occurredAt: { lt: istDayEnd(day)! } } : { occurredAt: { gte: istDayStart(day)! } };
      return { before, from };
    }
    before += count;
  }
  return null;
}

/**
 * The page after (or before) the cursor's row, or null without a cursor, or when nothing is left
 * past it (the rows it named are gone): the page is then read by its number.
 */
async function keysetPage(p: ListParams): Promise<PageKey[] | null> {
  const token = p.after ?? p.before;
  if (!token || p.page <= 1) return null;
  const { key, id } = readCursor(token);
  const backwards = p.before !== undefined;
  // Rows past the cursor in the order read: later in the view for Next, earlier for Previous.
  const descending = (p.dir === "desc") !== backwards;
  const past = { key: p.sort === "amount" ? key : new Date(Number(key)), id };
  const keys = await readRows(keysetQuery(p, { columns: PAGE_KEY_COLUMNS, past, descending, limit: p.size }), PAGE_KEY_FIELDS);
  if (keys.length === 0) return null;
  return backwards ? keys.reverse() : keys;
}

function pageRows(ids: number[]) {
  return ids.length === 0 ? [] : readPrisma.payment.findMany({ where: { id: { in: ids } }, select: { ...paymentRowSelect, id: true } });
}
