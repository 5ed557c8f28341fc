-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceIp" TEXT,
    "headers" TEXT NOT NULL,
    "rawBody" TEXT NOT NULL,
    "rawEncoding" TEXT NOT NULL DEFAULT 'utf8',
    "rawMasked" BOOLEAN NOT NULL DEFAULT false,
    "maskedWith" INTEGER NOT NULL DEFAULT 0,
    "bodyBytes" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "reason" TEXT,
    "objectId" TEXT,
    "reqMsgId" TEXT,
    "utrNormalized" TEXT,
    "paymentId" INTEGER,
    "messageId" INTEGER,
    "auth" TEXT NOT NULL DEFAULT 'unknown',
    "replayOfId" INTEGER,
    "bodyPurgedAt" DATETIME,
    CONSTRAINT "Delivery_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Delivery_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "PaymentMessage" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Delivery_replayOfId_fkey" FOREIGN KEY ("replayOfId") REFERENCES "Delivery" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Delivery" ("auth", "bodyBytes", "headers", "httpStatus", "id", "maskedWith", "messageId", "objectId", "outcome", "paymentId", "rawBody", "rawEncoding", "rawMasked", "reason", "receivedAt", "reqMsgId", "sourceIp", "utrNormalized") SELECT "auth", "bodyBytes", "headers", "httpStatus", "id", "maskedWith", "messageId", "objectId", "outcome", "paymentId", "rawBody", "rawEncoding", "rawMasked", "reason", "receivedAt", "reqMsgId", "sourceIp", "utrNormalized" FROM "Delivery";
DROP TABLE "Delivery";
ALTER TABLE "new_Delivery" RENAME TO "Delivery";
CREATE INDEX "Delivery_replayOfId_idx" ON "Delivery"("replayOfId");
CREATE INDEX "Delivery_outcome_receivedAt_idx" ON "Delivery"("outcome", "receivedAt");
CREATE INDEX "Delivery_outcome_id_idx" ON "Delivery"("outcome", "id");
CREATE INDEX "Delivery_paymentId_receivedAt_idx" ON "Delivery"("paymentId", "receivedAt");
CREATE INDEX "Delivery_objectId_idx" ON "Delivery"("objectId");
CREATE INDEX "Delivery_utrNormalized_idx" ON "Delivery"("utrNormalized");
CREATE INDEX "Delivery_messageId_id_idx" ON "Delivery"("messageId", "id");
CREATE INDEX "Delivery_sourceIp_auth_receivedAt_idx" ON "Delivery"("sourceIp", "auth", "receivedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

