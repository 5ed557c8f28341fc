-- CreateTable
CREATE TABLE "DailyTotal" (
    "id" SERIAL NOT NULL,
    "day" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errorCd" TEXT NOT NULL,
    "payments" INTEGER NOT NULL,
    "paise" BIGINT NOT NULL,

    CONSTRAINT "DailyTotal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DailyTotal_day_status_errorCd_payments_paise_idx" ON "DailyTotal"("day", "status", "errorCd", "payments", "paise");

-- CreateIndex
CREATE INDEX "SavedView_shared_name_idx" ON "SavedView"("shared", "name");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_ownerId_name_key" ON "SavedView"("ownerId", "name");

-- CreateIndex
CREATE INDEX "Payment_status_occurredAt_supplierB2BId_totalPaise_idx" ON "Payment"("status", "occurredAt", "supplierB2BId", "totalPaise");

-- CreateIndex
CREATE INDEX "Payment_status_occurredAt_buyerB2BId_totalPaise_idx" ON "Payment"("status", "occurredAt", "buyerB2BId", "totalPaise");

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: the overview's daily rollup from the stored payments (lib/overview/daily-totals.ts keeps
-- it from here on): one row per IST day of occurredAt, status and error code.
INSERT INTO "DailyTotal" ("day", "status", "errorCd", "payments", "paise")
SELECT to_char("occurredAt" + interval '330 minutes', 'YYYY-MM-DD'), "status", "errorCd", COUNT(*), SUM("totalPaise")
FROM "Payment" GROUP BY 1, 2, 3;
