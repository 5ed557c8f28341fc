-- The daily rollup gains each payment's mode and type, so that the list's summary for those filters
-- is read from it too (lib/payments/list-payments.ts). Its rows are rebuilt from the stored payments.
-- DropIndex
DROP INDEX "DailyTotal_day_status_errorCd_payments_paise_idx";

-- AlterTable (the defaults only let the columns be added to stored rows, which are then replaced)
ALTER TABLE "DailyTotal" ADD COLUMN     "mode" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "type" TEXT NOT NULL DEFAULT '';
ALTER TABLE "DailyTotal" ALTER COLUMN "mode" DROP DEFAULT, ALTER COLUMN "type" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "DailyTotal_day_status_errorCd_mode_type_payments_paise_idx" ON "DailyTotal"("day", "status", "errorCd", "mode", "type", "payments", "paise");

DELETE FROM "DailyTotal";

-- Backfill: the rollup from the stored payments (lib/overview/daily-totals.ts keeps it from here on):
-- one row per IST day of occurredAt, status, error code, mode and type.
INSERT INTO "DailyTotal" ("day", "status", "errorCd", "mode", "type", "payments", "paise")
SELECT to_char("occurredAt" + interval '330 minutes', 'YYYY-MM-DD'), "status", "errorCd", "mode", "type", COUNT(*), SUM("totalPaise")
FROM "Payment" GROUP BY 1, 2, 3, 4, 5;
