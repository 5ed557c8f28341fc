// What the server and the writer thread say to each other (lib/ingest/writer-thread.ts,
// lib/ingest/writer-worker.ts). Everything crosses by structured clone: envelopes and records are
// plain data (text, numbers, bigint, Dates).
import type { PaymentRecord } from "./payment-record";
import type { DeliveryEnvelope, StoredDelivery } from "./rows";

export interface WriterData {
  url: string;
  /** Int32 counters the thread keeps and the server reads (COUNTER). */
  counters: SharedArrayBuffer;
}

/** Positions in the shared counters: the writer's stats, and deliveries handed over and not yet answered. */
export const COUNTER = { batches: 0, jobs: 1, passed: 2, largestBatch: 3, queued: 4 } as const;
export const COUNTERS = 5;

export type ToWriter =
  | { kind: "store"; id: number; envelope: DeliveryEnvelope; record: PaymentRecord; fingerprint: string }
  | { kind: "crashAfterJob"; index: number }
  | { kind: "close" };

export interface ErrorDescription {
  name: string;
  message: string;
  code?: string;
}

export type FromWriter =
  /** result null: PASS, the per-delivery path stores it. */
  | { kind: "stored"; id: number; result: StoredDelivery | null }
  | { kind: "failed"; id: number; error: ErrorDescription }
  | { kind: "unavailable"; error: ErrorDescription }
  | { kind: "closed" };

export function describeError(error: unknown): ErrorDescription {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === "string" ? { code } : {}) };
}

/** The error again, on the server's side (its code kept: lib/ingest/errors.ts reads it). */
export function errorFrom(description: ErrorDescription): Error {
  return Object.assign(new Error(description.message), { name: description.name }, description.code === undefined ? {} : { code: description.code });
}
