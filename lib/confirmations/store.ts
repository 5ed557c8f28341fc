// Storing a confirmation: one row per distinct message (objectId + reqMsgId + content), and the
// payment's supplierResponse set from the newest confirmation by EnKash's time, whichever order
// they arrive in. A confirmation may arrive before its payment: the payment takes it when it is
// created (applyConfirmation from lib/ingest/store.ts), under the same named lock.
import type { Prisma } from "@/generated/prisma/client";
import { lockNames, lockPayment } from "../db";
import { deliveryData, inTransaction, type DeliveryEnvelope, type StoredDelivery } from "../ingest/store";

type Tx = Prisma.TransactionClient;

export type ConfirmationRecord = Omit<Prisma.PaymentConfirmationUncheckedCreateInput, "id" | "fingerprint" | "deliveries">;

/** The lock a payment's creation and its confirmations share, so neither misses the other. */
export const confirmationLock = (objectId: string) => `confirmation:${objectId}`;

export function storeConfirmation(envelope: DeliveryEnvelope, record: ConfirmationRecord, fingerprint: string): Promise<StoredDelivery> {
  return inTransaction(async (tx) => {
    await lockNames(tx, [confirmationLock(record.objectId)]);
    await lockPayment(tx, record.objectId);
    const payment = await tx.payment.findUnique({ where: { objectId: record.objectId }, select: { id: true } });
    const key = { objectId: record.objectId, reqMsgId: record.reqMsgId, fingerprint };
    const known = await tx.paymentConfirmation.findUnique({ where: { objectId_reqMsgId_fingerprint: key }, select: { id: true } });
    // Unique on the key: a concurrent identical confirmation fails here, is run again, and is a duplicate.
    const confirmationId = known?.id ?? (await tx.paymentConfirmation.create({ data: { ...record, fingerprint }, select: { id: true } })).id;
    if (!known) await applyConfirmation(tx, record.objectId);
    const first = known ? await tx.delivery.findFirst({ where: { confirmationId }, orderBy: { id: "asc" }, select: { id: true } }) : null;
    const reason = known ? `identical repeat of ${first ? `delivery #${first.id}` : "a stored confirmation"}` : payment ? null : "no payment with this objectId yet: it takes this confirmation when it arrives";
    const outcome = known ? "duplicate" : "accepted";
    const row = await tx.delivery.create({
      data: { ...deliveryData(envelope), httpStatus: 200, outcome, reason, objectId: record.objectId, reqMsgId: record.reqMsgId, paymentId: payment?.id ?? null, confirmationId },
      select: { id: true },
    });
    return { deliveryId: row.id, outcome, paymentId: payment?.id ?? null, reason };
  });
}

/** Sets the payment's supplierResponse from its newest confirmation (by payment.ts, then receipt). */
export async function applyConfirmation(tx: Tx, objectId: string): Promise<void> {
  const newest = await tx.paymentConfirmation.findFirst({
    where: { objectId },
    orderBy: [{ tsInstant: { sort: "desc", nulls: "last" } }, { receivedAt: "desc" }, { id: "desc" }],
    select: { supplierResponse: true, receivedAt: true },
  });
  if (!newest) return;
  await tx.payment.updateMany({ where: { objectId }, data: { supplierResponse: newest.supplierResponse, supplierResponseAt: newest.receivedAt } });
}
