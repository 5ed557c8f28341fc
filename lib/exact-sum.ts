// Exact sums of paise in SQL, on both databases. SQLite sums 64-bit integers and fails on overflow;
// at the amount cap (₹1 lakh crore, 10^14 paise) 10^8 payments would need 10^22. So a sum is taken
// in two parts that cannot overflow below ~9 × 10^9 rows: whole units of 10^9 paise, and the
// remainders (README → Totals). Both databases truncate integer division towards zero and give
// the remainder the dividend's sign, so high × 10^9 + low is exact for negative amounts too.
import { Prisma } from "@/generated/prisma/client";

const SPLIT = 1_000_000_000n;

/** `high` and `low`, the two parts of SUM(column), as text columns of the select. */
export const exactSum = (column: string): Prisma.Sql =>
  Prisma.raw(`CAST(SUM("${column}" / ${SPLIT}) AS TEXT) AS high, CAST(SUM("${column}" % ${SPLIT}) AS TEXT) AS low`);

/** The sum from its two parts (null: no rows). */
export const joinSum = (high: string | null, low: string | null): bigint => BigInt(high ?? "0") * SPLIT + BigInt(low ?? "0");
