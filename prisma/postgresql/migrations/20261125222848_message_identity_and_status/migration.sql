-- DropIndex
DROP INDEX "Delivery_messageKey_key";

-- DropIndex
DROP INDEX "Payment_occurredAt_id_failed_totalPaise_idx";

-- DropIndex
DROP INDEX "Payment_totalPaise_id_failed_idx";

-- DropIndex
DROP INDEX "Payment_failed_occurredAt_id_idx";

-- DropIndex
DROP INDEX "Payment_failed_totalPaise_id_idx";

-- DropIndex
DROP INDEX "Payment_errorCd_occurredAt_id_failed_totalPaise_idx";

-- DropIndex
DROP INDEX "Payment_mode_occurredAt_id_failed_totalPaise_idx";

-- DropIndex
DROP INDEX "Payment_type_occurredAt_id_failed_totalPaise_idx";

-- DropIndex
DROP INDEX "Payment_buyerB2BId_occurredAt_id_failed_totalPaise_idx";

-- DropIndex
DROP INDEX "Payment_supplierB2BId_occurredAt_id_failed_totalPaise_idx";

-- DropIndex
DROP INDEX "Payment_warningCount_occurredAt_id_failed_totalPaise_idx";

-- AlterTable
ALTER TABLE "Delivery" DROP COLUMN "contentHash",
DROP COLUMN "messageKey",
ADD COLUMN     "maskedWith" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "messageId" INTEGER;

-- AlterTable (hand-written backfill, lib/payments/status.ts: SUCCESS without an error code is
-- settled, FAILURE is failed, anything else is shown as itself)
ALTER TABLE "Payment" ADD COLUMN "stateReceivedAt" TIMESTAMP(3),
ADD COLUMN     "status" TEXT,
ADD COLUMN     "tsTrusted" BOOLEAN;
UPDATE "Payment" SET
  "status" = CASE WHEN UPPER(TRIM("result")) = 'SUCCESS' AND TRIM("errorCd") = '' THEN 'success' WHEN UPPER(TRIM("result")) = 'FAILURE' THEN 'failure' ELSE 'other' END,
  "tsTrusted" = "tsInstant" IS NOT NULL,
  "stateReceivedAt" = "updatedAt";
ALTER TABLE "Payment" DROP COLUMN "failed",
ALTER COLUMN "stateReceivedAt" SET NOT NULL,
ALTER COLUMN "status" SET NOT NULL,
ALTER COLUMN "tsTrusted" SET NOT NULL;

-- CreateTable
CREATE TABLE "PaymentMessage" (
    "id" SERIAL NOT NULL,
    "paymentId" INTEGER NOT NULL,
    "reqMsgId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "tsInstant" TIMESTAMP(3),
    "tsTrusted" BOOLEAN NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaymentMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "PaymentMessage_paymentId_reqMsgId_idx" ON "PaymentMessage"("paymentId", "reqMsgId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentMessage_paymentId_reqMsgId_fingerprint_key" ON "PaymentMessage"("paymentId", "reqMsgId", "fingerprint");

-- CreateIndex
CREATE INDEX "Delivery_messageId_id_idx" ON "Delivery"("messageId", "id");

-- CreateIndex
CREATE INDEX "Payment_occurredAt_id_status_totalPaise_idx" ON "Payment"("occurredAt", "id", "status", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_totalPaise_id_status_idx" ON "Payment"("totalPaise", "id", "status");

-- CreateIndex
CREATE INDEX "Payment_status_occurredAt_id_totalPaise_idx" ON "Payment"("status", "occurredAt", "id", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_status_totalPaise_id_idx" ON "Payment"("status", "totalPaise", "id");

-- CreateIndex
CREATE INDEX "Payment_errorCd_occurredAt_id_status_totalPaise_idx" ON "Payment"("errorCd", "occurredAt", "id", "status", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_mode_occurredAt_id_status_totalPaise_idx" ON "Payment"("mode", "occurredAt", "id", "status", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_type_occurredAt_id_status_totalPaise_idx" ON "Payment"("type", "occurredAt", "id", "status", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_buyerB2BId_occurredAt_id_status_totalPaise_idx" ON "Payment"("buyerB2BId", "occurredAt", "id", "status", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_supplierB2BId_occurredAt_id_status_totalPaise_idx" ON "Payment"("supplierB2BId", "occurredAt", "id", "status", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_warningCount_occurredAt_id_status_totalPaise_idx" ON "Payment"("warningCount", "occurredAt", "id", "status", "totalPaise");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "PaymentMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentMessage" ADD CONSTRAINT "PaymentMessage_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

