-- The daily rollup gains each payment's mode and type, so that the list's summary for those filters
-- is read from it too (lib/payments/list-payments.ts). Its rows are rebuilt from the stored payments.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DailyTotal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "day" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errorCd" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payments" INTEGER NOT NULL,
    "paise" BIGINT NOT NULL
);
DROP TABLE "DailyTotal";
ALTER TABLE "new_DailyTotal" RENAME TO "DailyTotal";
CREATE INDEX "DailyTotal_day_status_errorCd_mode_type_payments_paise_idx" ON "DailyTotal"("day", "status", "errorCd", "mode", "type", "payments", "paise");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill: the rollup from the stored payments (lib/overview/daily-totals.ts keeps it from here on):
-- one row per IST day of occurredAt, status, error code, mode and type.
INSERT INTO "DailyTotal" ("day", "status", "errorCd", "mode", "type", "payments", "paise")
SELECT strftime('%Y-%m-%d', "occurredAt", '+330 minutes'), "status", "errorCd", "mode", "type", COUNT(*), SUM("totalPaise")
FROM "Payment" GROUP BY 1, 2, 3, 4, 5;
