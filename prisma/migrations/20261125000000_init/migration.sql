-- CreateTable
CREATE TABLE "Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceIp" TEXT,
    "headers" TEXT NOT NULL,
    "rawBody" TEXT NOT NULL,
    "rawEncoding" TEXT NOT NULL DEFAULT 'utf8',
    "rawMasked" BOOLEAN NOT NULL DEFAULT false,
    "bodyBytes" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "reason" TEXT,
    "contentHash" TEXT,
    "messageKey" TEXT,
    "objectId" TEXT,
    "reqMsgId" TEXT,
    "paymentId" INTEGER,
    CONSTRAINT "Delivery_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "objectId" TEXT NOT NULL,
    "reqMsgId" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "failed" BOOLEAN NOT NULL,
    "errorCd" TEXT NOT NULL,
    "errorDtl" TEXT NOT NULL,
    "errorField" TEXT NOT NULL,
    "buyerB2BId" TEXT NOT NULL,
    "supplierB2BId" TEXT NOT NULL,
    "supplierName" TEXT,
    "ts" TEXT NOT NULL,
    "tsInstant" DATETIME,
    "occurredAt" DATETIME NOT NULL,
    "type" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "utr" TEXT NOT NULL,
    "utrNormalized" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "netPaidPaise" BIGINT NOT NULL,
    "netAdjustmentPaise" BIGINT NOT NULL,
    "totalPaise" BIGINT NOT NULL,
    "amountCurrency" TEXT NOT NULL,
    "invoiceCount" INTEGER NOT NULL,
    "warnings" TEXT NOT NULL,
    "warningCount" INTEGER NOT NULL,
    "firstReceivedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "InvoicePayInfo" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "paymentId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "objectId" TEXT,
    "supplierInvoiceNumber" TEXT,
    "currentVersion" INTEGER,
    "newVersion" INTEGER,
    "currentStatus" TEXT,
    "newStatus" TEXT,
    "invoiceDuePaise" BIGINT,
    "invoiceTotalPaise" BIGINT,
    "invoiceCurrency" TEXT,
    "paidPaise" BIGINT,
    "adjustmentPaise" BIGINT,
    "paymentTotalPaise" BIGINT,
    "paymentCurrency" TEXT,
    "maskedAccountNumber" TEXT,
    "ifsc" TEXT,
    "beneficiaryName" TEXT,
    "businessVPA" TEXT,
    CONSTRAINT "InvoicePayInfo_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoiceSplit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "invoiceId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT,
    "valuePaise" BIGINT,
    "refNo" TEXT,
    CONSTRAINT "InvoiceSplit_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "InvoicePayInfo" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AdditionalInfo" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "paymentId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT,
    "value" TEXT,
    CONSTRAINT "AdditionalInfo_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_messageKey_key" ON "Delivery"("messageKey");

-- CreateIndex
CREATE INDEX "Delivery_receivedAt_id_idx" ON "Delivery"("receivedAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_outcome_receivedAt_id_idx" ON "Delivery"("outcome", "receivedAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_paymentId_receivedAt_idx" ON "Delivery"("paymentId", "receivedAt");

-- CreateIndex
CREATE INDEX "Delivery_objectId_idx" ON "Delivery"("objectId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_objectId_key" ON "Payment"("objectId");

-- CreateIndex
CREATE INDEX "Payment_utrNormalized_idx" ON "Payment"("utrNormalized");

-- CreateIndex
CREATE INDEX "Payment_occurredAt_id_idx" ON "Payment"("occurredAt", "id");

-- CreateIndex
CREATE INDEX "InvoicePayInfo_supplierInvoiceNumber_idx" ON "InvoicePayInfo"("supplierInvoiceNumber");

-- CreateIndex
CREATE UNIQUE INDEX "InvoicePayInfo_paymentId_position_key" ON "InvoicePayInfo"("paymentId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "InvoiceSplit_invoiceId_position_key" ON "InvoiceSplit"("invoiceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "AdditionalInfo_paymentId_position_key" ON "AdditionalInfo"("paymentId", "position");

