// Suppliers' bank accounts, and the alert when a supplier's payment goes to an account never seen
// before for that supplier (README → Signals). Kept at ingest, in the message's
// transaction.
//
// Two accounts are the same when their keyed fingerprints match (the full number arrived), else
// when their masked number, IFSC, beneficiary name and VPA match. An account first seen with only
// its masked number adopts the fingerprint when the full number later arrives.
import type { Prisma } from "@/generated/prisma/client";
import type { PaymentRecord } from "../ingest/payment-record";
import { LAST_SEEN_GRANULARITY_MS } from "../parties/directory";
import { asciiUpperCase } from "./invoice-keys";
import { raiseSignal } from "./raise";

type Tx = Prisma.TransactionClient;

export type Comparison = "fingerprint" | "masked";

export interface AccountSeen {
  maskedAccountNumber: string;
  ifsc: string;
  businessVPA: string;
  beneficiaryName: string | null;
  fingerprint: string | null;
}

/** A name as compared: trimmed, ASCII letters upper-cased (as the migration's backfill does). */
function nameKey(name: string | null): string {
  return asciiUpperCase((name ?? "").trim());
}

/** What makes two accounts of a supplier the same (SupplierAccount.identityKey). */
export function accountIdentity(account: AccountSeen): { key: string; comparison: Comparison } {
  if (account.fingerprint) return { key: `f:${account.fingerprint}`, comparison: "fingerprint" };
  return { key: `m:${account.maskedAccountNumber}|${account.ifsc}|${nameKey(account.beneficiaryName)}|${account.businessVPA}`, comparison: "masked" };
}

/** The distinct accounts a message names for its supplier, in identity order (a stable lock order). */
export function accountsOf(record: PaymentRecord): (AccountSeen & { key: string; comparison: Comparison })[] {
  const seen = new Map<string, AccountSeen & { key: string; comparison: Comparison }>();
  for (const { row } of record.invoices) {
    const account: AccountSeen = {
      maskedAccountNumber: row.maskedAccountNumber ?? "",
      ifsc: row.ifsc ?? "",
      businessVPA: row.businessVPA ?? "",
      beneficiaryName: row.beneficiaryName ?? null,
      fingerprint: row.accountFingerprint ?? null,
    };
    if (!account.maskedAccountNumber && !account.ifsc && !account.businessVPA) continue;
    const identity = accountIdentity(account);
    if (!seen.has(identity.key)) seen.set(identity.key, { ...account, ...identity });
  }
  return [...seen.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * Accounts this process has read as known and not awaiting verification, with when they were last
 * seen: the next message naming one within the window needs no read. Only committed rows get here.
 */
const knownAccounts = new Map<string, number>();
const KNOWN_LIMIT = 20_000;

/**
 * Records every account a message names for its supplier. An account first seen when the supplier
 * already had another is new: every payment to it is flagged until an admin verifies it.
 */
export async function recordSupplierAccounts(tx: Tx, paymentId: number, record: PaymentRecord, receivedAt: Date): Promise<void> {
  const supplierB2BId = record.scalars.supplierB2BId;
  for (const account of accountsOf(record)) {
    const cacheKey = JSON.stringify([supplierB2BId, account.key, nameKey(account.beneficiaryName)]);
    const cachedAt = knownAccounts.get(cacheKey);
    if (cachedAt !== undefined && receivedAt.getTime() - cachedAt < LAST_SEEN_GRANULARITY_MS) continue;

    const row = await findOrCreateAccount(tx, supplierB2BId, account, receivedAt);
    if (row.isNew && row.verifiedAt === null) {
      await raiseSignal(tx, {
        paymentId,
        supplierB2BId,
        kind: "new-account",
        subject: `account:${row.id}`,
        detail: {
          accountId: row.id,
          maskedAccountNumber: account.maskedAccountNumber,
          ifsc: account.ifsc,
          businessVPA: account.businessVPA,
          beneficiaryName: account.beneficiaryName,
          comparison: account.comparison,
          firstSeenAt: row.firstSeenAt.toISOString(),
        },
      }, receivedAt);
    } else if (row.fresh) {
      if (knownAccounts.size >= KNOWN_LIMIT) knownAccounts.clear();
      knownAccounts.set(cacheKey, row.lastSeenAt.getTime());
    }
  }
}

/**
 * What a known account's row needs when it is seen again: a newer last-seen time once the window has
 * passed, its beneficiary name when it changed; null when nothing.
 */
export function accountRefresh(found: { lastSeenAt: Date; beneficiaryName: string | null }, account: AccountSeen, at: Date) {
  const stale = at.getTime() - found.lastSeenAt.getTime() >= LAST_SEEN_GRANULARITY_MS;
  const renamed = account.beneficiaryName !== null && account.beneficiaryName !== found.beneficiaryName;
  if (!stale && !renamed) return null;
  return { lastSeenAt: at > found.lastSeenAt ? at : found.lastSeenAt, ...(renamed ? { beneficiaryName: account.beneficiaryName } : {}) };
}

/** A supplier account's row when first seen. */
export function newAccountRow(supplierB2BId: string, account: AccountSeen & { key: string }, at: Date, isNew: boolean) {
  return {
    supplierB2BId,
    identityKey: account.key,
    maskedAccountNumber: account.maskedAccountNumber,
    ifsc: account.ifsc,
    businessVPA: account.businessVPA,
    beneficiaryName: account.beneficiaryName,
    fingerprint: account.fingerprint ?? "",
    firstSeenAt: at,
    lastSeenAt: at,
    isNew,
  };
}

async function findOrCreateAccount(tx: Tx, supplierB2BId: string, account: AccountSeen & { key: string }, at: Date) {
  const select = { id: true, isNew: true, verifiedAt: true, firstSeenAt: true, lastSeenAt: true, beneficiaryName: true } as const;
  const found = await tx.supplierAccount.findUnique({ where: { supplierB2BId_identityKey: { supplierB2BId, identityKey: account.key } }, select })
    // Known so far only by its masked number: the full number now arrived for it.
    ?? (account.fingerprint ? await adoptFingerprint(tx, supplierB2BId, account, select) : null);
  if (found) {
    const refresh = accountRefresh(found, account, at);
    if (refresh) await tx.supplierAccount.update({ where: { id: found.id }, data: refresh, select: { id: true } });
    return { ...found, fresh: refresh === null };
  }
  const others = await tx.supplierAccount.count({ where: { supplierB2BId } });
  // Unique on (supplier, identity): a concurrent first sighting fails here, is run again, and finds it.
  const created = await tx.supplierAccount.create({ data: newAccountRow(supplierB2BId, account, at, others > 0), select });
  return { ...created, fresh: false };
}

async function adoptFingerprint<S extends Prisma.SupplierAccountSelect>(tx: Tx, supplierB2BId: string, account: AccountSeen & { key: string }, select: S) {
  const masked = accountIdentity({ ...account, fingerprint: null }).key;
  const known = await tx.supplierAccount.findUnique({ where: { supplierB2BId_identityKey: { supplierB2BId, identityKey: masked } }, select: { id: true } });
  if (!known) return null;
  return tx.supplierAccount.update({ where: { id: known.id }, data: { identityKey: account.key, fingerprint: account.fingerprint! }, select });
}
