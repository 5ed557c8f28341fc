-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Payment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "objectId" TEXT NOT NULL,
    "reqMsgId" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errorCd" TEXT NOT NULL,
    "errorDtl" TEXT NOT NULL,
    "errorField" TEXT NOT NULL,
    "buyerB2BId" TEXT NOT NULL,
    "supplierB2BId" TEXT NOT NULL,
    "supplierName" TEXT,
    "ts" TEXT NOT NULL,
    "tsInstant" DATETIME,
    "tsTrusted" BOOLEAN NOT NULL,
    "stateReceivedAt" DATETIME NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "type" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "utr" TEXT NOT NULL,
    "utrNormalized" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "netPaidPaise" BIGINT NOT NULL,
    "netAdjustmentPaise" BIGINT NOT NULL,
    "totalPaise" BIGINT NOT NULL,
    "amountCurrency" TEXT NOT NULL,
    "invoiceCount" INTEGER NOT NULL,
    "warnings" TEXT NOT NULL,
    "warningCount" INTEGER NOT NULL,
    "firstReceivedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "hadFailure" BOOLEAN NOT NULL DEFAULT false,
    "amountChanged" BOOLEAN NOT NULL DEFAULT false,
    "integrityIssueCount" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Payment" ("amountChanged", "amountCurrency", "buyerB2BId", "currency", "errorCd", "errorDtl", "errorField", "firstReceivedAt", "hadFailure", "id", "invoiceCount", "mode", "netAdjustmentPaise", "netPaidPaise", "objectId", "occurredAt", "reqMsgId", "result", "stateReceivedAt", "status", "supplierB2BId", "supplierName", "totalPaise", "ts", "tsInstant", "tsTrusted", "type", "updatedAt", "utr", "utrNormalized", "warningCount", "warnings") SELECT "amountChanged", "amountCurrency", "buyerB2BId", "currency", "errorCd", "errorDtl", "errorField", "firstReceivedAt", "hadFailure", "id", "invoiceCount", "mode", "netAdjustmentPaise", "netPaidPaise", "objectId", "occurredAt", "reqMsgId", "result", "stateReceivedAt", "status", "supplierB2BId", "supplierName", "totalPaise", "ts", "tsInstant", "tsTrusted", "type", "updatedAt", "utr", "utrNormalized", "warningCount", "warnings" FROM "Payment";
DROP TABLE "Payment";
ALTER TABLE "new_Payment" RENAME TO "Payment";
CREATE UNIQUE INDEX "Payment_objectId_key" ON "Payment"("objectId");
CREATE INDEX "Payment_utrNormalized_idx" ON "Payment"("utrNormalized");
CREATE INDEX "Payment_occurredAt_id_status_totalPaise_idx" ON "Payment"("occurredAt", "id", "status", "totalPaise");
CREATE INDEX "Payment_totalPaise_id_status_idx" ON "Payment"("totalPaise", "id", "status");
CREATE INDEX "Payment_status_occurredAt_id_totalPaise_idx" ON "Payment"("status", "occurredAt", "id", "totalPaise");
CREATE INDEX "Payment_status_totalPaise_id_idx" ON "Payment"("status", "totalPaise", "id");
CREATE INDEX "Payment_errorCd_occurredAt_id_status_totalPaise_idx" ON "Payment"("errorCd", "occurredAt", "id", "status", "totalPaise");
CREATE INDEX "Payment_mode_occurredAt_id_status_totalPaise_idx" ON "Payment"("mode", "occurredAt", "id", "status", "totalPaise");
CREATE INDEX "Payment_type_occurredAt_id_status_totalPaise_idx" ON "Payment"("type", "occurredAt", "id", "status", "totalPaise");
CREATE INDEX "Payment_buyerB2BId_occurredAt_id_status_totalPaise_idx" ON "Payment"("buyerB2BId", "occurredAt", "id", "status", "totalPaise");
CREATE INDEX "Payment_supplierB2BId_occurredAt_id_status_totalPaise_idx" ON "Payment"("supplierB2BId", "occurredAt", "id", "status", "totalPaise");
CREATE INDEX "Payment_warningCount_occurredAt_id_status_totalPaise_idx" ON "Payment"("warningCount", "occurredAt", "id", "status", "totalPaise");
CREATE INDEX "Payment_integrityIssueCount_occurredAt_id_status_totalPaise_idx" ON "Payment"("integrityIssueCount", "occurredAt", "id", "status", "totalPaise");
CREATE INDEX "Payment_status_occurredAt_supplierB2BId_totalPaise_idx" ON "Payment"("status", "occurredAt", "supplierB2BId", "totalPaise");
CREATE INDEX "Payment_status_occurredAt_buyerB2BId_totalPaise_idx" ON "Payment"("status", "occurredAt", "buyerB2BId", "totalPaise");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Backfill: payments whose stored warnings say their amounts do not add up or a currency is not INR
-- (lib/enkash/checks.ts INTEGRITY_WARNINGS; a payment lists at most its first warnings, so one with
-- very many may be counted short).
UPDATE "Payment" SET "integrityIssueCount" =
    (CASE WHEN "warnings" LIKE '%"code":"amount-arithmetic"%' THEN 1 ELSE 0 END)
  + (CASE WHEN "warnings" LIKE '%"code":"invoices-sum"%' THEN 1 ELSE 0 END)
  + (CASE WHEN "warnings" LIKE '%"code":"splits-sum"%' THEN 1 ELSE 0 END)
  + (CASE WHEN "warnings" LIKE '%"code":"currency"%' THEN 1 ELSE 0 END)
WHERE "warningCount" > 0;
