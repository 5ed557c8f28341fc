-- CreateTable
CREATE TABLE "StatementLayout" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bankKey" TEXT NOT NULL,
    "bank" TEXT NOT NULL,
    "mapping" TEXT NOT NULL,
    "headers" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT
);

-- CreateTable
CREATE TABLE "BankStatement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "account" TEXT NOT NULL,
    "bank" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "uploadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploadedBy" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "debitLines" INTEGER NOT NULL,
    "newLines" INTEGER NOT NULL,
    "otherLines" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "StatementLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "decidedAt" DATETIME,
    CONSTRAINT "StatementLine_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "BankStatement" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StatementLine_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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

