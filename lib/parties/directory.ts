// The supplier and buyer directory, kept at ingest in the same transaction as the message
// (lib/ingest/store.ts; suppliers' bank accounts: lib/signals/accounts.ts). Search and the supplier
// page read these small tables instead of grouping a million payments.
import type { Prisma } from "@/generated/prisma/client";
import type { PaymentRecord } from "../ingest/payment-record";

export const PARTY_KINDS = ["supplier", "buyer"] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** What search matches: the id and the name, lower-cased (the migration's backfill computes the same). */
export function partySearchText(b2bId: string, name: string | null): string {
  return (name === null ? b2bId : `${b2bId} ${name}`).toLowerCase();
}

type Tx = Prisma.TransactionClient;

/**
 * Last-seen times are refreshed at most this often. Every payment to a buyer would otherwise update
 * that buyer's one row, and on PostgreSQL concurrent deliveries would queue on its lock until each
 * commits. So "last seen" is exact to ten minutes; "first seen" is exact.
 */
export const LAST_SEEN_GRANULARITY_MS = 10 * 60_000;

interface SeenRow {
  name: string | null;
  lastSeenAt: Date;
}

/**
 * Rows this process has read as already in the database and fresh: the next message naming the same
 * supplier, buyer or account within the window needs no read at all. Only committed rows get here (a
 * read inside a transaction sees its own writes, so rows are remembered from reads that found them
 * fresh before this transaction wrote anything to them). Rows are never deleted by the app.
 */
const knownFresh = new Map<string, SeenRow>();
const KNOWN_FRESH_LIMIT = 20_000;

/** A directory row needs no write: it is there, with this name (or none was given), seen within the window. */
export function isCurrentRow(row: SeenRow | null | undefined, name: string | null, at: Date): boolean {
  return !!row && (name === null || name === row.name) && at.getTime() - row.lastSeenAt.getTime() < LAST_SEEN_GRANULARITY_MS;
}

/** Writes a directory row unless it is already there, with this name, and seen within the window. */
async function refreshRow(key: string, name: string | null, at: Date, read: () => Promise<SeenRow | null>, write: () => Promise<unknown>): Promise<void> {
  const current = (row: SeenRow | null | undefined) => isCurrentRow(row, name, at);
  if (current(knownFresh.get(key))) return;
  const known = await read();
  if (current(known)) {
    if (knownFresh.size >= KNOWN_FRESH_LIMIT) knownFresh.clear();
    knownFresh.set(key, known!);
    return;
  }
  await write();
}

/** The payment's supplier and buyer, as of a message that set its state. */
export async function recordParties(tx: Tx, record: PaymentRecord, receivedAt: Date): Promise<void> {
  const { supplierB2BId, buyerB2BId, supplierName } = record.scalars;
  await upsertParty(tx, "supplier", supplierB2BId, supplierName ?? null, receivedAt);
  await upsertParty(tx, "buyer", buyerB2BId, null, receivedAt);
}

function upsertParty(tx: Tx, kind: PartyKind, b2bId: string, name: string | null, at: Date) {
  const where = { kind_b2bId: { kind, b2bId } };
  // A message without a beneficiary name keeps the name seen before.
  const named = name === null ? {} : { name, searchText: partySearchText(b2bId, name) };
  return refreshRow(
    JSON.stringify(["party", kind, b2bId]),
    name,
    at,
    () => tx.party.findUnique({ where, select: { name: true, lastSeenAt: true } }),
    () => tx.party.upsert({
      where,
      create: { kind, b2bId, name, searchText: partySearchText(b2bId, name), firstSeenAt: at, lastSeenAt: at },
      update: { ...named, lastSeenAt: at },
      select: { id: true },
    }),
  );
}
