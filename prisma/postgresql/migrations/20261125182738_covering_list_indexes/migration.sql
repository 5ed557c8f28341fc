-- DropIndex
DROP INDEX "Payment_occurredAt_id_idx";

-- DropIndex
DROP INDEX "Payment_totalPaise_id_idx";

-- DropIndex
DROP INDEX "Payment_errorCd_occurredAt_idx";

-- DropIndex
DROP INDEX "Payment_mode_occurredAt_idx";

-- DropIndex
DROP INDEX "Payment_type_occurredAt_idx";

-- DropIndex
DROP INDEX "Payment_buyerB2BId_occurredAt_idx";

-- DropIndex
DROP INDEX "Payment_supplierB2BId_occurredAt_idx";

-- DropIndex
DROP INDEX "Payment_warningCount_occurredAt_idx";

-- CreateIndex
CREATE INDEX "Payment_occurredAt_id_failed_totalPaise_idx" ON "Payment"("occurredAt", "id", "failed", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_totalPaise_id_failed_idx" ON "Payment"("totalPaise", "id", "failed");

-- CreateIndex
CREATE INDEX "Payment_errorCd_occurredAt_id_failed_totalPaise_idx" ON "Payment"("errorCd", "occurredAt", "id", "failed", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_mode_occurredAt_id_failed_totalPaise_idx" ON "Payment"("mode", "occurredAt", "id", "failed", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_type_occurredAt_id_failed_totalPaise_idx" ON "Payment"("type", "occurredAt", "id", "failed", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_buyerB2BId_occurredAt_id_failed_totalPaise_idx" ON "Payment"("buyerB2BId", "occurredAt", "id", "failed", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_supplierB2BId_occurredAt_id_failed_totalPaise_idx" ON "Payment"("supplierB2BId", "occurredAt", "id", "failed", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_warningCount_occurredAt_id_failed_totalPaise_idx" ON "Payment"("warningCount", "occurredAt", "id", "failed", "totalPaise");

