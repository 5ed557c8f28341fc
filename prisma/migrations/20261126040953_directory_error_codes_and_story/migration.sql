-- AlterTable
ALTER TABLE "PaymentMessage" ADD COLUMN "errorCd" TEXT;
ALTER TABLE "PaymentMessage" ADD COLUMN "errorDtl" TEXT;
ALTER TABLE "PaymentMessage" ADD COLUMN "result" TEXT;
ALTER TABLE "PaymentMessage" ADD COLUMN "status" TEXT;
ALTER TABLE "PaymentMessage" ADD COLUMN "totalPaise" BIGINT;
ALTER TABLE "PaymentMessage" ADD COLUMN "utr" TEXT;

-- CreateTable
CREATE TABLE "ErrorCode" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "description" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT
);

-- CreateTable
CREATE TABLE "Party" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "b2bId" TEXT NOT NULL,
    "name" TEXT,
    "searchText" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SupplierAccount" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "supplierB2BId" TEXT NOT NULL,
    "maskedAccountNumber" TEXT NOT NULL,
    "ifsc" TEXT NOT NULL,
    "businessVPA" TEXT NOT NULL,
    "beneficiaryName" TEXT,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL
);

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
    "amountChanged" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_Payment" ("amountCurrency", "buyerB2BId", "currency", "errorCd", "errorDtl", "errorField", "firstReceivedAt", "id", "invoiceCount", "mode", "netAdjustmentPaise", "netPaidPaise", "objectId", "occurredAt", "reqMsgId", "result", "stateReceivedAt", "status", "supplierB2BId", "supplierName", "totalPaise", "ts", "tsInstant", "tsTrusted", "type", "updatedAt", "utr", "utrNormalized", "warningCount", "warnings") SELECT "amountCurrency", "buyerB2BId", "currency", "errorCd", "errorDtl", "errorField", "firstReceivedAt", "id", "invoiceCount", "mode", "netAdjustmentPaise", "netPaidPaise", "objectId", "occurredAt", "reqMsgId", "result", "stateReceivedAt", "status", "supplierB2BId", "supplierName", "totalPaise", "ts", "tsInstant", "tsTrusted", "type", "updatedAt", "utr", "utrNormalized", "warningCount", "warnings" FROM "Payment";
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
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Party_kind_searchText_idx" ON "Party"("kind", "searchText");

-- CreateIndex
CREATE UNIQUE INDEX "Party_kind_b2bId_key" ON "Party"("kind", "b2bId");

-- CreateIndex
CREATE UNIQUE INDEX "SupplierAccount_account_key" ON "SupplierAccount"("supplierB2BId", "maskedAccountNumber", "ifsc", "businessVPA");


-- Backfill: the supplier and buyer directory, and suppliers' bank accounts, from the stored payments
-- (lib/payments/parties.ts keeps them from here on; searchText as partySearchText computes it).
INSERT INTO "Party" ("kind", "b2bId", "name", "searchText", "firstSeenAt", "lastSeenAt")
SELECT 'supplier', "supplierB2BId", MAX("supplierName"),
       lower(CASE WHEN MAX("supplierName") IS NULL THEN "supplierB2BId" ELSE "supplierB2BId" || ' ' || MAX("supplierName") END),
       MIN("firstReceivedAt"), MAX("stateReceivedAt")
FROM "Payment" GROUP BY "supplierB2BId";
INSERT INTO "Party" ("kind", "b2bId", "name", "searchText", "firstSeenAt", "lastSeenAt")
SELECT 'buyer', "buyerB2BId", NULL, lower("buyerB2BId"), MIN("firstReceivedAt"), MAX("stateReceivedAt")
FROM "Payment" GROUP BY "buyerB2BId";
INSERT INTO "SupplierAccount" ("supplierB2BId", "maskedAccountNumber", "ifsc", "businessVPA", "beneficiaryName", "firstSeenAt", "lastSeenAt")
SELECT p."supplierB2BId", COALESCE(i."maskedAccountNumber", ''), COALESCE(i."ifsc", ''), COALESCE(i."businessVPA", ''),
       MAX(i."beneficiaryName"), MIN(p."firstReceivedAt"), MAX(p."stateReceivedAt")
FROM "InvoicePayInfo" i JOIN "Payment" p ON p."id" = i."paymentId"
WHERE i."maskedAccountNumber" IS NOT NULL OR i."ifsc" IS NOT NULL OR i."businessVPA" IS NOT NULL
GROUP BY p."supplierB2BId", COALESCE(i."maskedAccountNumber", ''), COALESCE(i."ifsc", ''), COALESCE(i."businessVPA", '');
