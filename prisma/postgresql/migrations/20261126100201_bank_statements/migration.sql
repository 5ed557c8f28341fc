-- CreateTable
CREATE TABLE "StatementLayout" (
    "id" SERIAL NOT NULL,
    "bankKey" TEXT NOT NULL,
    "bank" TEXT NOT NULL,
    "mapping" TEXT NOT NULL,
    "headers" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "StatementLayout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankStatement" (
    "id" SERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "bank" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploadedBy" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "debitLines" INTEGER NOT NULL,
    "newLines" INTEGER NOT NULL,
    "otherLines" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL,

    CONSTRAINT "BankStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementLine" (
    "id" SERIAL NOT NULL,
    "statementId" INTEGER NOT NULL,
    "account" TEXT NOT NULL,
    "lineKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "debitPaise" BIGINT NOT NULL,
    "narration" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "utrNormalized" TEXT,
    "state" TEXT NOT NULL,
    "paymentId" INTEGER,
    "matchedBy" TEXT,
    "note" TEXT,
    "rejected" TEXT NOT NULL DEFAULT '[]',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "StatementLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StatementLayout_bankKey_key" ON "StatementLayout"("bankKey");

-- CreateIndex
CREATE INDEX "BankStatement_account_uploadedAt_idx" ON "BankStatement"("account", "uploadedAt");

-- CreateIndex
CREATE INDEX "BankStatement_uploadedAt_idx" ON "BankStatement"("uploadedAt");

-- CreateIndex
CREATE INDEX "StatementLine_statementId_id_idx" ON "StatementLine"("statementId", "id");

-- CreateIndex
CREATE INDEX "StatementLine_account_day_state_idx" ON "StatementLine"("account", "day", "state");

-- CreateIndex
CREATE INDEX "StatementLine_paymentId_idx" ON "StatementLine"("paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "StatementLine_account_lineKey_key" ON "StatementLine"("account", "lineKey");

-- CreateIndex
CREATE INDEX "Payment_netPaidPaise_occurredAt_idx" ON "Payment"("netPaidPaise", "occurredAt");

-- AddForeignKey
ALTER TABLE "StatementLine" ADD CONSTRAINT "StatementLine_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "BankStatement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementLine" ADD CONSTRAINT "StatementLine_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

