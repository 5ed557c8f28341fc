-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Delivery" (
    "id" SERIAL NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
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

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" SERIAL NOT NULL,
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
    "tsInstant" TIMESTAMP(3),
    "occurredAt" TIMESTAMP(3) NOT NULL,
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
    "firstReceivedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoicePayInfo" (
    "id" SERIAL NOT NULL,
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

    CONSTRAINT "InvoicePayInfo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceSplit" (
    "id" SERIAL NOT NULL,
    "invoiceId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT,
    "valuePaise" BIGINT,
    "refNo" TEXT,

    CONSTRAINT "InvoiceSplit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdditionalInfo" (
    "id" SERIAL NOT NULL,
    "paymentId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT,
    "value" TEXT,

    CONSTRAINT "AdditionalInfo_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoicePayInfo" ADD CONSTRAINT "InvoicePayInfo_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceSplit" ADD CONSTRAINT "InvoiceSplit_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "InvoicePayInfo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdditionalInfo" ADD CONSTRAINT "AdditionalInfo_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

