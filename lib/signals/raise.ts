// Writing signals (README → Signals), inside the transaction that stores the message that raised
// them. One row per payment, kind and subject: raising it again refreshes its particulars, and a
// signal that no longer holds is cleared, never deleted.
import type { Prisma } from "@/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export const SIGNAL_KINDS = ["duplicate-invoice", "new-account", "contradiction"] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export interface RaisedSignal {
  paymentId: number;
  supplierB2BId: string;
  kind: SignalKind;
  subject: string;
  detail: unknown;
}

/** Raises (or re-opens, with fresh particulars) a signal. A reviewed signal stays reviewed. */
export async function raiseSignal(tx: Tx, signal: RaisedSignal, at: Date): Promise<void> {
  const { paymentId, kind, subject, supplierB2BId } = signal;
  const detail = JSON.stringify(signal.detail);
  await tx.paymentSignal.upsert({
    where: { paymentId_kind_subject: { paymentId, kind, subject } },
    create: { paymentId, kind, subject, supplierB2BId, detail, raisedAt: at },
    update: { detail, supplierB2BId, clearedAt: null },
    select: { id: true },
  });
}

/** Clears the open signals of a kind and subject, except on the payments named. */
export async function clearSignals(tx: Tx, kind: SignalKind, subject: string, at: Date, except: number[] = []): Promise<void> {
  await tx.paymentSignal.updateMany({
    where: { kind, subject, clearedAt: null, ...(except.length > 0 ? { paymentId: { notIn: except } } : {}) },
    data: { clearedAt: at },
  });
}
