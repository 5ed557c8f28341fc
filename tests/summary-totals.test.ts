// The list's totals at volumes beyond 64-bit sums: 100,000 payments at the amount cap (₹1 lakh
// crore each) add up to 10^19 paise, past SQLite's integer range; the summary stays exact.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { formatInr } from "@/lib/money";
import { parseListParams } from "@/lib/payments/list-params";
import { listPayments } from "@/lib/payments/list-payments";
import { finance } from "./support/viewers";

const CAP_PAISE = 100_000_000_000_000n; // ₹1,00,000 crore, the largest amount accepted
const DAY = "2030-01-01T06:00:00.000+00:00";

/** Rows per statement: each stays well inside the app's statement bound (5 s) on a busy machine. */
const CHUNK = 20_000;

async function insertPayments(count: number, prefix: string, status: string, paise: bigint) {
  for (let first = 1; first <= count; first += CHUNK) await insertChunk(first, Math.min(count, first + CHUNK - 1), prefix, status, paise);
}

async function insertChunk(first: number, last: number, prefix: string, status: string, paise: bigint) {
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Payment" ("objectId", "reqMsgId", "result", "status", "errorCd", "errorDtl", "errorField", "buyerB2BId", "supplierB2BId",
      "ts", "tsInstant", "tsTrusted", "stateReceivedAt", "occurredAt", "type", "mode", "utr", "utrNormalized", "currency", "netPaidPaise",
      "netAdjustmentPaise", "totalPaise", "amountCurrency", "invoiceCount", "warnings", "warningCount", "firstReceivedAt", "updatedAt")
    WITH RECURSIVE n(i) AS (SELECT ${first} UNION ALL SELECT i + 1 FROM n WHERE i < ${last})
    SELECT '${prefix}' || i, 'R', 'X', '${status}', '', '', '', 'B', 'S', '', '${DAY}', TRUE, '${DAY}', '${DAY}', 'ONPLATFORM', 'NEFT',
      '${prefix}' || i, '${prefix}' || i, 'INR', ${paise}, 0, ${paise}, 'INR', 1, '[]', 0, '${DAY}', '${DAY}' FROM n`);
  // The overview's daily rollup, as ingest keeps it: one change row per payment.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "DailyTotal" ("day", "status", "errorCd", "mode", "type", "payments", "paise")
    WITH RECURSIVE n(i) AS (SELECT ${first} UNION ALL SELECT i + 1 FROM n WHERE i < ${last})
    SELECT '2030-01-01', '${status}', '', 'NEFT', 'ONPLATFORM', 1, ${paise} FROM n`);
}

beforeAll(async () => {
  await insertPayments(100_000, "CAP", "success", CAP_PAISE);
  await insertPayments(7, "ODD", "failure", CAP_PAISE - 1n);
  await insertPayments(3, "NEG", "other", -12_345_678_901_234n);
}, 120_000);

describe("the list summary at the amount cap", () => {
  // Both sources of the summary: the daily rollup (whole days) and the list indexes (any filter).
  it.each([
    ["the daily rollup", { from: "2030-01-01", to: "2030-01-01" }],
    ["the list indexes", { from: "2030-01-01", to: "2030-01-01", mode: "NEFT" }],
  ])("sums 100,000 payments of ₹1 lakh crore exactly, per result and in all, from %s", async (_, query) => {
    const view = await listPayments(finance, parseListParams(query));
    const settled = 100_000n * CAP_PAISE;
    const failed = 7n * (CAP_PAISE - 1n);
    const other = 3n * -12_345_678_901_234n;
    expect(settled > 2n ** 63n).toBe(true);
    expect(view.byStatus).toEqual({
      success: { count: 100_000, amount: formatInr(settled) },
      failure: { count: 7, amount: formatInr(failed) },
      other: { count: 3, amount: formatInr(other) },
    });
    expect(view.all).toEqual({ count: 100_010, amount: formatInr(settled + failed + other) });
    expect(view.all.amount).toBe("₹1,00,00,66,29,62,96,32,962.91");
  });
});
