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
const fresh = (lastSeenAt: Date, at: Date) => at.getTime() - lastSeenAt.getTime() < LAST_SEEN_GRANULARITY_MS;

/** The payment's supplier and buyer, as of a message that set its state. */
export async function recordParties(tx: Tx, record: PaymentRecord, receivedAt: Date): Promise<void> {
  const { supplierB2BId, buyerB2BId, supplierName } = record.scalars;
  const name = supplierName ?? null;
  await upsertParty(tx, "supplier", supplierB2BId, name, receivedAt);
  await upsertParty(tx, "buyer", buyerB2BId, null, receivedAt);
}

async function upsertParty(tx: Tx, kind: PartyKind, b2bId: string, name: string | null, at: Date) {
  const known = await tx.party.findUnique({ where: { kind_b2bId: { kind, b2bId } }, select: { name: true, lastSeenAt: true } });
  if (known && (name === null || name === known.name) && fresh(known.lastSeenAt, at)) return;
  // A message without a beneficiary name keeps the name seen before.
  const named = name === null ? {} : { name, searchText: partySearchText(b2bId, name) };
  await tx.party.upsert({
    where: { kind_b2bId: { kind, b2bId } },
    create: { kind, b2bId, name, searchText: partySearchText(b2bId, name), firstSeenAt: at, lastSeenAt: at },
    update: { ...named, lastSeenAt: at },
    select: { id: true },
  });
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
  for (const [, account] of [...seen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { beneficiaryName, ...identity } = account;
    const where = { supplierB2BId_maskedAccountNumber_ifsc_businessVPA: { supplierB2BId, ...identity } };
    const known = await tx.supplierAccount.findUnique({ where, select: { lastSeenAt: true, beneficiaryName: true } });
    if (known && (beneficiaryName === null || beneficiaryName === known.beneficiaryName) && fresh(known.lastSeenAt, receivedAt)) continue;
    await tx.supplierAccount.upsert({
      where,
      create: { supplierB2BId, ...account, firstSeenAt: receivedAt, lastSeenAt: receivedAt },
      update: { lastSeenAt: receivedAt, ...(beneficiaryName === null ? {} : { beneficiaryName }) },
      select: { id: true },
    });
  }
}
