-- AlterTable
ALTER TABLE "InvoicePayInfo" ADD COLUMN "accountFingerprint" TEXT;
ALTER TABLE "InvoicePayInfo" ADD COLUMN "invoiceNumberKey" TEXT;

-- CreateTable
CREATE TABLE "InvoiceTouch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "messageId" INTEGER NOT NULL,
    "paymentId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "invoiceObjectId" TEXT,
    "supplierInvoiceNumber" TEXT,
    "invoiceNumberKey" TEXT,
    "supplierB2BId" TEXT NOT NULL,
    "currentVersion" INTEGER,
    "newVersion" INTEGER,
    "currentStatus" TEXT,
    "newStatus" TEXT,
    "paidPaise" BIGINT,
    "status" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PaymentSignal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "paymentId" INTEGER NOT NULL,
    "supplierB2BId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "raisedAt" DATETIME NOT NULL,
    "clearedAt" DATETIME,
    "reviewedAt" DATETIME,
    "reviewedBy" TEXT,
    "reviewNote" TEXT,
    CONSTRAINT "PaymentSignal_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PaymentConfirmation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "objectId" TEXT NOT NULL,
    "reqMsgId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "errorCd" TEXT NOT NULL,
    "errorDtl" TEXT NOT NULL,
    "errorField" TEXT NOT NULL,
    "buyerB2BId" TEXT NOT NULL,
    "supplierB2BId" TEXT NOT NULL,
    "supplierResponse" TEXT NOT NULL,
    "supplierRemarks" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "tsInstant" DATETIME,
    "receivedAt" DATETIME NOT NULL,
    "invoiceInfos" TEXT NOT NULL,
    "warnings" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- Added in place, not by rebuilding the two largest tables (a million payments would take minutes).
ALTER TABLE "Delivery" ADD COLUMN "endpoint" TEXT NOT NULL DEFAULT 'resp-pay';
ALTER TABLE "Delivery" ADD COLUMN "confirmationId" INTEGER REFERENCES "PaymentConfirmation" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Delivery" ADD COLUMN "decryptedBody" TEXT;
ALTER TABLE "Payment" ADD COLUMN "supplierResponse" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Payment" ADD COLUMN "supplierResponseAt" DATETIME;
CREATE INDEX "Payment_supplierResponse_status_occurredAt_idx" ON "Payment"("supplierResponse", "status", "occurredAt");
CREATE TABLE "new_SupplierAccount" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "supplierB2BId" TEXT NOT NULL,
    "identityKey" TEXT NOT NULL,
    "maskedAccountNumber" TEXT NOT NULL,
    "ifsc" TEXT NOT NULL,
    "businessVPA" TEXT NOT NULL,
    "beneficiaryName" TEXT,
    "fingerprint" TEXT NOT NULL DEFAULT '',
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "isNew" BOOLEAN NOT NULL DEFAULT false,
    "verifiedAt" DATETIME,
    "verifiedBy" TEXT
);
-- Accounts known before this version are compared by masked number, IFSC, name and VPA
-- (lib/signals/accounts.ts accountIdentity), and count as known, not new.
INSERT INTO "new_SupplierAccount" ("beneficiaryName", "businessVPA", "firstSeenAt", "id", "ifsc", "lastSeenAt", "maskedAccountNumber", "supplierB2BId", "identityKey")
SELECT "beneficiaryName", "businessVPA", "firstSeenAt", "id", "ifsc", "lastSeenAt", "maskedAccountNumber", "supplierB2BId",
  'm:' || "maskedAccountNumber" || '|' || "ifsc" || '|' || upper(trim(coalesce("beneficiaryName", ''))) || '|' || "businessVPA"
FROM "SupplierAccount";
DROP TABLE "SupplierAccount";
ALTER TABLE "new_SupplierAccount" RENAME TO "SupplierAccount";
CREATE INDEX "SupplierAccount_supplierB2BId_maskedAccountNumber_ifsc_idx" ON "SupplierAccount"("supplierB2BId", "maskedAccountNumber", "ifsc");
CREATE UNIQUE INDEX "SupplierAccount_supplierB2BId_identityKey_key" ON "SupplierAccount"("supplierB2BId", "identityKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InvoiceTouch_invoiceObjectId_at_idx" ON "InvoiceTouch"("invoiceObjectId", "at");

-- CreateIndex
CREATE INDEX "InvoiceTouch_invoiceNumberKey_at_idx" ON "InvoiceTouch"("invoiceNumberKey", "at");

-- CreateIndex
CREATE INDEX "InvoiceTouch_messageId_idx" ON "InvoiceTouch"("messageId");

-- CreateIndex
CREATE INDEX "PaymentSignal_kind_clearedAt_reviewedAt_id_idx" ON "PaymentSignal"("kind", "clearedAt", "reviewedAt", "id");

-- CreateIndex
CREATE INDEX "PaymentSignal_supplierB2BId_kind_id_idx" ON "PaymentSignal"("supplierB2BId", "kind", "id");

-- CreateIndex
CREATE INDEX "PaymentSignal_kind_subject_idx" ON "PaymentSignal"("kind", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentSignal_paymentId_kind_subject_key" ON "PaymentSignal"("paymentId", "kind", "subject");

-- CreateIndex
CREATE INDEX "PaymentConfirmation_objectId_id_idx" ON "PaymentConfirmation"("objectId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentConfirmation_objectId_reqMsgId_fingerprint_key" ON "PaymentConfirmation"("objectId", "reqMsgId", "fingerprint");

-- CreateIndex
CREATE INDEX "InvoicePayInfo_objectId_idx" ON "InvoicePayInfo"("objectId");

-- CreateIndex
CREATE INDEX "InvoicePayInfo_invoiceNumberKey_idx" ON "InvoicePayInfo"("invoiceNumberKey");


-- Backfill: invoice-number keys (lib/signals/invoice-keys.ts invoiceNumberKey). InvoiceTouch holds
-- earlier states only; stored payments' current invoices are their InvoicePayInfo rows.
UPDATE "InvoicePayInfo" SET "invoiceNumberKey" = upper(replace(replace(replace(replace("supplierInvoiceNumber", ' ', ''), char(9), ''), char(10), ''), char(13), ''))
WHERE "supplierInvoiceNumber" IS NOT NULL;
UPDATE "InvoicePayInfo" SET "invoiceNumberKey" = NULL WHERE "invoiceNumberKey" = '';
