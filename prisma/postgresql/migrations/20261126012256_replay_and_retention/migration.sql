-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "bodyPurgedAt" TIMESTAMP(3),
ADD COLUMN     "replayOfId" INTEGER;

-- CreateIndex
CREATE INDEX "Delivery_replayOfId_idx" ON "Delivery"("replayOfId");

-- CreateIndex
CREATE INDEX "Delivery_outcome_receivedAt_idx" ON "Delivery"("outcome", "receivedAt");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_replayOfId_fkey" FOREIGN KEY ("replayOfId") REFERENCES "Delivery"("id") ON DELETE SET NULL ON UPDATE CASCADE;

