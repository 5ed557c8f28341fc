-- CreateTable
CREATE TABLE "PaymentMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "paymentId" INTEGER NOT NULL,
    "reqMsgId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "tsInstant" DATETIME,
    "tsTrusted" BOOLEAN NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    CONSTRAINT "PaymentMessage_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceIp" TEXT,
    "headers" TEXT NOT NULL,
    "rawBody" TEXT NOT NULL,
    "rawEncoding" TEXT NOT NULL DEFAULT 'utf8',
    "rawMasked" BOOLEAN NOT NULL DEFAULT false,
    "maskedWith" INTEGER NOT NULL DEFAULT 0,
    "bodyBytes" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "reason" TEXT,
    "objectId" TEXT,
    "reqMsgId" TEXT,
    "utrNormalized" TEXT,
    "paymentId" INTEGER,
    "messageId" INTEGER,
    CONSTRAINT "Delivery_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Delivery_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "PaymentMessage" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Delivery" ("bodyBytes", "headers", "httpStatus", "id", "objectId", "outcome", "paymentId", "rawBody", "rawEncoding", "rawMasked", "reason", "receivedAt", "reqMsgId", "sourceIp", "utrNormalized") SELECT "bodyBytes", "headers", "httpStatus", "id", "objectId", "outcome", "paymentId", "rawBody", "rawEncoding", "rawMasked", "reason", "receivedAt", "reqMsgId", "sourceIp", "utrNormalized" FROM "Delivery";
DROP TABLE "Delivery";
ALTER TABLE "new_Delivery" RENAME TO "Delivery";
CREATE INDEX "Delivery_outcome_id_idx" ON "Delivery"("outcome", "id");
CREATE INDEX "Delivery_paymentId_receivedAt_idx" ON "Delivery"("paymentId", "receivedAt");
CREATE INDEX "Delivery_objectId_idx" ON "Delivery"("objectId");
CREATE INDEX "Delivery_utrNormalized_idx" ON "Delivery"("utrNormalized");
CREATE INDEX "Delivery_messageId_id_idx" ON "Delivery"("messageId", "id");
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
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Payment" ("amountCurrency", "buyerB2BId", "currency", "errorCd", "errorDtl", "errorField", "firstReceivedAt", "id", "invoiceCount", "mode", "netAdjustmentPaise", "netPaidPaise", "objectId", "occurredAt", "reqMsgId", "result", "supplierB2BId", "supplierName", "totalPaise", "ts", "tsInstant", "type", "updatedAt", "utr", "utrNormalized", "warningCount", "warnings", "status", "tsTrusted", "stateReceivedAt") SELECT "amountCurrency", "buyerB2BId", "currency", "errorCd", "errorDtl", "errorField", "firstReceivedAt", "id", "invoiceCount", "mode", "netAdjustmentPaise", "netPaidPaise", "objectId", "occurredAt", "reqMsgId", "result", "supplierB2BId", "supplierName", "totalPaise", "ts", "tsInstant", "type", "updatedAt", "utr", "utrNormalized", "warningCount", "warnings",
    -- Hand-written backfill (lib/payments/status.ts): SUCCESS without an error code is settled,
    -- FAILURE is failed, anything else is shown as itself.
    CASE WHEN UPPER(TRIM("result")) = 'SUCCESS' AND TRIM("errorCd") = '' THEN 'success' WHEN UPPER(TRIM("result")) = 'FAILURE' THEN 'failure' ELSE 'other' END,
    "tsInstant" IS NOT NULL, "updatedAt" FROM "Payment";
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
CREATE INDEX "PaymentMessage_paymentId_reqMsgId_idx" ON "PaymentMessage"("paymentId", "reqMsgId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentMessage_paymentId_reqMsgId_fingerprint_key" ON "PaymentMessage"("paymentId", "reqMsgId", "fingerprint");

