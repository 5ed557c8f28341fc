-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "integrityIssueCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Payment_integrityIssueCount_occurredAt_id_status_totalPaise_idx" ON "Payment"("integrityIssueCount", "occurredAt", "id", "status", "totalPaise");


-- Backfill: payments whose stored warnings say their amounts do not add up or a currency is not INR
-- (lib/enkash/checks.ts INTEGRITY_WARNINGS; a payment lists at most its first warnings, so one with
-- very many may be counted short).
UPDATE "Payment" SET "integrityIssueCount" =
    (CASE WHEN "warnings" LIKE '%"code":"amount-arithmetic"%' THEN 1 ELSE 0 END)
  + (CASE WHEN "warnings" LIKE '%"code":"invoices-sum"%' THEN 1 ELSE 0 END)
  + (CASE WHEN "warnings" LIKE '%"code":"splits-sum"%' THEN 1 ELSE 0 END)
  + (CASE WHEN "warnings" LIKE '%"code":"currency"%' THEN 1 ELSE 0 END)
WHERE "warningCount" > 0;
