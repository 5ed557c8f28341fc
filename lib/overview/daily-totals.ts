// The overview's daily rollup: payments and amounts per IST calendar day, status and error code.
// Ingest appends change rows in the message's own transaction (a payment entering a group adds
// +1 and its amount, leaving one adds −1 and minus its amount), so the rollup moves exactly when
// the payments list does, and concurrent deliveries never queue on a shared row. `foldDailyTotals`
// merges each group's rows into one; readers add up whatever rows there are, so a fold changes
// how many rows are read, never a figure.
//
// The newest row id of a range of days is that range's version: every change to a payment of
// those days (its group, amount, supplier or buyer) and every fold inserts a row with a new,
// higher id there, and rows are only ever removed by a fold that inserts one. So a result worked
// out from those days' payments is current while the version is the same (the overview's top
// suppliers and buyers are cached that way; see rollupVersions for PostgreSQL's one exception).
import { Prisma } from "@/generated/prisma/client";
import { databaseKind } from "../database-url";
import { prisma, readPrisma } from "../db";
import { exactSum, joinSum } from "../exact-sum";
import { istDay } from "../time";

type Tx = Prisma.TransactionClient;

/** The part of a payment's state the rollup counts (and the parties, which its versions cover). */
export interface RollupState {
  occurredAt: Date;
  status: string;
  errorCd: string;
  mode: string;
  type: string;
  totalPaise: bigint;
  supplierB2BId: string;
  buyerB2BId: string;
}

export const rollupStateSelect = { occurredAt: true, status: true, errorCd: true, mode: true, type: true, totalPaise: true, supplierB2BId: true, buyerB2BId: true } as const;

/** The rollup's view of a payment row as either path holds it (dates as Date or text, amounts as bigint, number or text). */
export function rollupStateOf(s: Omit<RollupState, "occurredAt" | "totalPaise"> & { occurredAt: Date | string; totalPaise: bigint | number | string }): RollupState {
  return { occurredAt: new Date(s.occurredAt), status: s.status, errorCd: s.errorCd, mode: s.mode, type: s.type, totalPaise: BigInt(s.totalPaise), supplierB2BId: s.supplierB2BId, buyerB2BId: s.buyerB2BId };
}

/** A rollup group: the IST day, status, error code, mode and type. */
const groupOf = (s: RollupState) => ({ day: istDay(s.occurredAt), status: s.status, errorCd: s.errorCd, mode: s.mode, type: s.type });

/** The change rows for a payment's move from `before` (null: it is new) to `after`; none if nothing moved. */
export function rollupChangeRows(before: RollupState | null, after: RollupState): Prisma.DailyTotalCreateManyInput[] {
  const rows: Prisma.DailyTotalCreateManyInput[] = [];
  if (before) {
    const [a, b] = [groupOf(before), groupOf(after)];
    const sameParties = before.supplierB2BId === after.supplierB2BId && before.buyerB2BId === after.buyerB2BId;
    // A new supplier or buyer alone moves no figure, but writes its −1/+1 all the same: the days'
    // version must change (see above).
    const sameGroup = a.day === b.day && a.status === b.status && a.errorCd === b.errorCd && a.mode === b.mode && a.type === b.type;
    if (sameGroup && before.totalPaise === after.totalPaise && sameParties) return [];
    rows.push({ ...a, payments: -1, paise: -before.totalPaise });
  }
  rows.push({ ...groupOf(after), payments: 1, paise: after.totalPaise });
  return rows;
}

/** Records a payment's move from `before` (null: it is new) to `after`, inside the ingest transaction. */
export async function recordRollupChange(tx: Tx, before: RollupState | null, after: RollupState): Promise<void> {
  const rows = rollupChangeRows(before, after);
  if (rows.length > 0) await tx.dailyTotal.createMany({ data: rows });
}

export interface DayTotal {
  day: string;
  status: string;
  errorCd: string;
  payments: number;
  paise: bigint;
}

/**
 * Results worked out from some days' rollup rows or payments, kept while those days' version is
 * unchanged (rollupVersions), and for at most a minute (PostgreSQL's one exception: see there).
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; at: number; value: T }>();
  constructor(private readonly capacity: number, private readonly maxAgeMs = 60_000) {}

  get(key: string, version: string): T | undefined {
    const entry = this.entries.get(key);
    return entry && entry.version === version && Date.now() - entry.at < this.maxAgeMs ? entry.value : undefined;
  }

  set(key: string, version: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { version, at: Date.now(), value });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

const totalsCache = new VersionedCache<DayTotal[]>(50);

/**
 * readDailyTotals, from a cache while the days' rollup is unchanged: a long period's thousands of
 * rollup rows are read once, and again only after a payment of those days changed.
 */
export async function cachedDailyTotals(from: string, to: string): Promise<DayTotal[]> {
  // The version is read before the rows: a change after it can only make the version newer.
  const version = [...(await rollupVersions(from, to))].join(",");
  const key = `${from}:${to}`;
  const cached = totalsCache.get(key, version);
  if (cached) return cached;
  const totals = await readDailyTotals(from, to);
  totalsCache.set(key, version, totals);
  return totals;
}

/**
 * Every (day, status, error code) group of the IST days `from`…`to` (inclusive) with a non-zero
 * count, summed in the database over modes, types and change rows, exactly (in two parts).
 */
export async function readDailyTotals(from: string, to: string): Promise<DayTotal[]> {
  const rows = await readPrisma.$queryRaw<{ day: string; status: string; errorCd: string; n: string; high: string; low: string }[]>`
    SELECT "day", "status", "errorCd", CAST(SUM("payments") AS TEXT) AS n, ${exactSum("paise")}
    FROM "DailyTotal" WHERE "day" >= ${from} AND "day" <= ${to}
    GROUP BY "day", "status", "errorCd"`;
  return rows
    .map((r) => ({ day: r.day, status: r.status, errorCd: r.errorCd, payments: Number(r.n), paise: joinSum(r.high, r.low) }))
    .filter((g) => g.payments !== 0)
    .sort((a, b) => (a.day + a.status + "\u0000" + a.errorCd < b.day + b.status + "\u0000" + b.errorCd ? -1 : 1));
}

/** Change rows folded per call at most: one short transaction however far behind the fold is. */
const FOLD_BATCH = 5_000;

/**
 * Merges change rows into one row per group. Each row is deleted (with RETURNING) and its sum
 * re-inserted in the same transaction, so two folds at once, on one instance or several, can only
 * both see a row if one waits for the other to commit, after which the row is gone: no row is
 * ever counted twice or lost. Returns the number of rows folded.
 */
export async function foldDailyTotals(): Promise<number> {
  const groups = await prisma.$queryRaw<{ day: string; status: string; errorCd: string; mode: string; type: string }[]>`
    SELECT "day", "status", "errorCd", "mode", "type" FROM "DailyTotal"
    GROUP BY "day", "status", "errorCd", "mode", "type" HAVING COUNT(*) > 1 LIMIT 200`;
  if (groups.length === 0) return 0;
  return prisma.$transaction(async (tx) => {
    let folded = 0;
    for (const g of groups) {
      if (folded >= FOLD_BATCH) break;
      const removed = await tx.$queryRaw<{ payments: number | bigint; paise: bigint | string | number }[]>`
        DELETE FROM "DailyTotal"
        WHERE "day" = ${g.day} AND "status" = ${g.status} AND "errorCd" = ${g.errorCd} AND "mode" = ${g.mode} AND "type" = ${g.type}
        RETURNING "payments", "paise"`;
      if (removed.length === 0) continue;
      folded += removed.length;
      const payments = removed.reduce((sum, r) => sum + Number(r.payments), 0);
      const paise = removed.reduce((sum, r) => sum + BigInt(r.paise), 0n);
      // Inserted even when it is zero: the group's days keep a newer id than any removed (their version).
      await tx.dailyTotal.create({ data: { ...g, payments, paise }, select: { id: true } });
    }
    return folded;
  }, { timeout: 30_000 });
}

/**
 * The version of each calendar month's days within `from`…`to`, by "YYYY-MM", in one statement: the
 * month's newest rollup row id and its number of rows there. A month without rows is absent (its
 * version is NO_ROWS).
 * On SQLite (one writer) ids commit in order, and this is exact. On PostgreSQL two transactions
 * can commit out of id order, so a change committed in the same instant as a version was read can
 * hide behind a higher id; the row count catches it unless a fold removed rows at that instant too.
 * Caches keyed by it also expire (VersionedCache).
 */
export async function rollupVersions(from: string, to: string): Promise<ReadonlyMap<string, string>> {
  // Reading them groups every rollup row of the range (at two years, ~15 ms on SQLite, and a page of
  // the overview asks four times). On SQLite they are kept while the whole rollup's version, one
  // index probe, is unchanged. It is read first: a change after it can only make the months newer.
  const whole = await rollupVersion();
  const key = `${from}:${to}`;
  const cached = whole === null ? undefined : versionsCache.get(key, whole);
  if (cached) return cached;
  const rows = await readPrisma.$queryRaw<{ month: string; id: string; n: string }[]>`
    SELECT substr("day", 1, 7) AS "month", CAST(MAX("id") AS TEXT) AS "id", CAST(COUNT(*) AS TEXT) AS "n"
    FROM "DailyTotal" WHERE "day" >= ${from} AND "day" <= ${to}
    GROUP BY substr("day", 1, 7) ORDER BY 1`;
  const versions = new Map(rows.map((r) => [r.month, `${r.id}:${r.n}`]));
  if (whole !== null) versionsCache.set(key, whole, versions);
  return versions;
}
const versionsCache = new VersionedCache<ReadonlyMap<string, string>>(50);
export const NO_ROWS = "0:0";

/**
 * The whole rollup's version in one probe of its primary key, where one is exact: on SQLite its
 * newest row id. Every change to the rollup inserts a row (a fold too: it deletes rows and inserts
 * their sum in the same transaction), SQLite commits ids in order, and AUTOINCREMENT never hands
 * out an id again, so any change committed later makes it larger. (A count of the rows would
 * add nothing, and it reads the whole table: 2 ms at 1 M payments, four times per overview.)
 * On PostgreSQL ids can commit out of order (see rollupVersions): null, nothing to cache by.
 */
export async function rollupVersion(): Promise<string | null> {
  if (databaseKind() !== "sqlite") return null;
  const [row] = await readPrisma.$queryRaw<{ id: string | null }[]>`SELECT CAST(MAX("id") AS TEXT) AS "id" FROM "DailyTotal"`;
  return row?.id ?? "0";
}

const FOLD_INTERVAL_MS = 10_000;
let lastFold = 0;
let scheduled: NodeJS.Timeout | undefined;

/** The server's schedule: a fold every minute, so a busy day's change rows never pile up unread. */
export function scheduleRollupFold(): void {
  if (scheduled) return;
  scheduled = setInterval(() => void foldDailyTotalsNow(), 60_000);
  scheduled.unref();
}

/** Folds at most every ten seconds per process, from readers; a failed fold only costs speed. */
export async function foldDailyTotalsNow(): Promise<void> {
  if (Date.now() - lastFold < FOLD_INTERVAL_MS) return;
  lastFold = Date.now();
  try {
    await foldDailyTotals();
  } catch {
    // Busy or briefly unreachable: the figures are exact without folding; the next reader retries.
  }
}
