-- DropIndex
DROP INDEX "SupplierAccount_account_key";

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "confirmationId" INTEGER,
ADD COLUMN     "decryptedBody" TEXT,
ADD COLUMN     "endpoint" TEXT NOT NULL DEFAULT 'resp-pay';

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "supplierResponse" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "supplierResponseAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "InvoicePayInfo" ADD COLUMN     "accountFingerprint" TEXT,
ADD COLUMN     "invoiceNumberKey" TEXT;

-- AlterTable
ALTER TABLE "SupplierAccount" ADD COLUMN     "fingerprint" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "identityKey" TEXT,
ADD COLUMN     "isNew" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "verifiedAt" TIMESTAMP(3),
ADD COLUMN     "verifiedBy" TEXT;

-- Accounts known before this version are compared by masked number, IFSC, name and VPA
-- (lib/signals/accounts.ts accountIdentity), and count as known, not new. Only ASCII letters are
-- upper-cased (COLLATE "C"), as on SQLite and in the app.
UPDATE "SupplierAccount" SET "identityKey" = 'm:' || "maskedAccountNumber" || '|' || "ifsc" || '|' || upper(trim(coalesce("beneficiaryName", '')) COLLATE "C") || '|' || "businessVPA";
ALTER TABLE "SupplierAccount" ALTER COLUMN "identityKey" SET NOT NULL;

-- CreateTable
CREATE TABLE "InvoiceTouch" (
    "id" SERIAL NOT NULL,
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
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InvoiceTouch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentSignal" (
    "id" SERIAL NOT NULL,
    "paymentId" INTEGER NOT NULL,
    "supplierB2BId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "clearedAt" TIMESTAMP(3),
    "reviewedAt" TIMESTAMP(3),
    "reviewedBy" TEXT,
    "reviewNote" TEXT,

    CONSTRAINT "PaymentSignal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentConfirmation" (
    "id" SERIAL NOT NULL,
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
    "tsInstant" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "invoiceInfos" TEXT NOT NULL,
    "warnings" TEXT NOT NULL,

    CONSTRAINT "PaymentConfirmation_pkey" PRIMARY KEY ("id")
);

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
CREATE INDEX "Payment_supplierResponse_status_occurredAt_idx" ON "Payment"("supplierResponse", "status", "occurredAt");

-- CreateIndex
CREATE INDEX "InvoicePayInfo_objectId_idx" ON "InvoicePayInfo"("objectId");

-- CreateIndex
CREATE INDEX "InvoicePayInfo_invoiceNumberKey_idx" ON "InvoicePayInfo"("invoiceNumberKey");

-- CreateIndex
CREATE INDEX "SupplierAccount_supplierB2BId_maskedAccountNumber_ifsc_idx" ON "SupplierAccount"("supplierB2BId", "maskedAccountNumber", "ifsc");

-- CreateIndex
CREATE UNIQUE INDEX "SupplierAccount_supplierB2BId_identityKey_key" ON "SupplierAccount"("supplierB2BId", "identityKey");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_confirmationId_fkey" FOREIGN KEY ("confirmationId") REFERENCES "PaymentConfirmation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentSignal" ADD CONSTRAINT "PaymentSignal_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Backfill: invoice-number keys (lib/signals/invoice-keys.ts invoiceNumberKey). InvoiceTouch holds
-- earlier states only; stored payments' current invoices are their InvoicePayInfo rows.
UPDATE "InvoicePayInfo" SET "invoiceNumberKey" = upper(replace(replace(replace(replace("supplierInvoiceNumber", ' ', ''), chr(9), ''), chr(10), ''), chr(13), '') COLLATE "C")
WHERE "supplierInvoiceNumber" IS NOT NULL;
UPDATE "InvoicePayInfo" SET "invoiceNumberKey" = NULL WHERE "invoiceNumberKey" = '';
