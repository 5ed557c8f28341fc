// The rows a delivery leaves, as both write paths build them: the per-delivery Prisma transaction
// (lib/ingest/store.ts) and the group-commit writer (lib/ingest/fast-store.ts).
import type { PaymentRecord } from "./payment-record";

export type Outcome = "accepted" | "duplicate" | "updated" | "revised" | "stale" | "conflict" | "rejected";

/** What is kept of a request, whatever its body says. Every text in it is already masked. */
export interface DeliveryEnvelope {
  receivedAt: Date;
  sourceIp: string | null;
  headers: Record<string, string>;
  rawBody: string;
  rawEncoding: string;
  rawMasked: boolean;
  maskedWith: number;
  bodyBytes: number;
  /** How the request was authenticated (Delivery.auth). */
  auth: string;
  /** The rejected delivery an admin replayed (Delivery.replayOfId). */
  replayOfId?: number;
  /** The webhook it was sent to (Delivery.endpoint). */
  endpoint?: string;
  /** An AES-wrapped body's decrypted text, masked (rawBody then keeps the ciphertext). */
  decryptedBody?: string;
}

export interface StoredDelivery {
  deliveryId: number;
  outcome: Outcome;
  paymentId: number | null;
  reason: string | null;
}

const INT32_MAX = 2 ** 31 - 1;

export function deliveryData(envelope: DeliveryEnvelope) {
  // A declared Content-Length can exceed any column: the reason keeps the figure.
  return { ...envelope, bodyBytes: Math.min(envelope.bodyBytes, INT32_MAX), headers: JSON.stringify(envelope.headers) };
}

/** What a message said, kept with it for the payment's timeline. */
export function messageSummary(record: PaymentRecord) {
  const { status, result, errorCd, errorDtl, totalPaise, utr } = record.scalars;
  return { status, result, errorCd, errorDtl, totalPaise: BigInt(totalPaise), utr };
}

/** Why an identical repeat is a duplicate: the first delivery of the message it repeats. */
export function duplicateReasonText(knownOutcome: string, firstDeliveryId: number | null): string {
  const ref = firstDeliveryId !== null ? `delivery #${firstDeliveryId}` : "a stored message";
  return knownOutcome === "conflict"
    ? `identical repeat of conflicting ${ref}, already kept for review`
    : `identical repeat of ${ref} (${knownOutcome})`;
}
