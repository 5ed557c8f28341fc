-- AlterTable
ALTER TABLE "PaymentMessage" ADD COLUMN     "errorCd" TEXT,
ADD COLUMN     "errorDtl" TEXT,
ADD COLUMN     "result" TEXT,
ADD COLUMN     "status" TEXT,
ADD COLUMN     "totalPaise" BIGINT,
ADD COLUMN     "utr" TEXT;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "amountChanged" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "hadFailure" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ErrorCode" (
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "ErrorCode_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Party" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "b2bId" TEXT NOT NULL,
    "name" TEXT,
    "searchText" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupplierAccount" (
    "id" SERIAL NOT NULL,
    "supplierB2BId" TEXT NOT NULL,
    "maskedAccountNumber" TEXT NOT NULL,
    "ifsc" TEXT NOT NULL,
    "businessVPA" TEXT NOT NULL,
    "beneficiaryName" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupplierAccount_pkey" PRIMARY KEY ("id")
);

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
