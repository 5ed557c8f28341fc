// The supplier and buyer directory and suppliers' bank accounts, kept at ingest in the same
// transaction as the message (lib/ingest/store.ts). Search and the supplier page read these small
// tables instead of grouping a million payments.
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

/** Writes a directory row unless it is already there, with this name, and seen within the window. */
async function refreshRow(key: string, name: string | null, at: Date, read: () => Promise<SeenRow | null>, write: () => Promise<unknown>): Promise<void> {
  const current = (row: SeenRow | null | undefined) =>
    row && (name === null || name === row.name) && at.getTime() - row.lastSeenAt.getTime() < LAST_SEEN_GRANULARITY_MS;
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

/** Every distinct bank account (or VPA) a message names for its supplier. */
export async function recordSupplierAccounts(tx: Tx, record: PaymentRecord, receivedAt: Date): Promise<void> {
  const seen = new Map<string, { maskedAccountNumber: string; ifsc: string; businessVPA: string; beneficiaryName: string | null }>();
  for (const { row } of record.invoices) {
    const account = { maskedAccountNumber: row.maskedAccountNumber ?? "", ifsc: row.ifsc ?? "", businessVPA: row.businessVPA ?? "" };
    if (!account.maskedAccountNumber && !account.ifsc && !account.businessVPA) continue;
    const key = JSON.stringify(account);
    if (!seen.has(key)) seen.set(key, { ...account, beneficiaryName: row.beneficiaryName ?? null });
  }
  const supplierB2BId = record.scalars.supplierB2BId;
  // In key order, so that two transactions naming the same accounts lock them in the same order.
  for (const [key, account] of [...seen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { beneficiaryName, ...identity } = account;
    const where = { supplierB2BId_maskedAccountNumber_ifsc_businessVPA: { supplierB2BId, ...identity } };
    await refreshRow(
      JSON.stringify(["account", supplierB2BId, key]),
      beneficiaryName,
      receivedAt,
      async () => {
        const row = await tx.supplierAccount.findUnique({ where, select: { lastSeenAt: true, beneficiaryName: true } });
        return row && { name: row.beneficiaryName, lastSeenAt: row.lastSeenAt };
      },
      () => tx.supplierAccount.upsert({
        where,
        create: { supplierB2BId, ...account, firstSeenAt: receivedAt, lastSeenAt: receivedAt },
        update: { lastSeenAt: receivedAt, ...(beneficiaryName === null ? {} : { beneficiaryName }) },
        select: { id: true },
      }),
    );
  }
}
