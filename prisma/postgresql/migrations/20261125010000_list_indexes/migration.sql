-- DropIndex
DROP INDEX "Delivery_receivedAt_id_idx";

-- DropIndex
DROP INDEX "Delivery_outcome_receivedAt_id_idx";

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "utrNormalized" TEXT;

-- CreateIndex
CREATE INDEX "Delivery_outcome_id_idx" ON "Delivery"("outcome", "id");

-- CreateIndex
CREATE INDEX "Delivery_utrNormalized_idx" ON "Delivery"("utrNormalized");

-- CreateIndex
CREATE INDEX "Payment_totalPaise_id_idx" ON "Payment"("totalPaise", "id");

-- CreateIndex
CREATE INDEX "Payment_failed_occurredAt_id_idx" ON "Payment"("failed", "occurredAt", "id");

-- CreateIndex
CREATE INDEX "Payment_failed_totalPaise_id_idx" ON "Payment"("failed", "totalPaise", "id");

-- CreateIndex
CREATE INDEX "Payment_errorCd_occurredAt_idx" ON "Payment"("errorCd", "occurredAt");

-- CreateIndex
CREATE INDEX "Payment_mode_occurredAt_idx" ON "Payment"("mode", "occurredAt");

-- CreateIndex
CREATE INDEX "Payment_type_occurredAt_idx" ON "Payment"("type", "occurredAt");

-- CreateIndex
CREATE INDEX "Payment_buyerB2BId_occurredAt_idx" ON "Payment"("buyerB2BId", "occurredAt");

-- CreateIndex
CREATE INDEX "Payment_supplierB2BId_occurredAt_idx" ON "Payment"("supplierB2BId", "occurredAt");

-- CreateIndex
CREATE INDEX "Payment_warningCount_occurredAt_idx" ON "Payment"("warningCount", "occurredAt");

