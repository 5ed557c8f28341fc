// What a stored message adds besides the payment's state: the invoices of states it replaced or of
// a message not applied (invoice search: the current state's invoices are InvoicePayInfo), the
// supplier's accounts, and the signals it raises or clears (README → Signals). Runs inside the
// message's transaction (lib/ingest/store.ts), so a message and its signals commit together.
import type { Prisma } from "@/generated/prisma/client";
import { inBatches } from "../batches";
import type { PaymentRecord } from "../ingest/payment-record";
import { recordSupplierAccounts } from "./accounts";
import { findContradictions, invoiceLabel, LISTED_INVOICES, type MessageSide } from "./contradictions";
import { checkDuplicateInvoices } from "./duplicates";
import { identitySubject, invoiceIdentities, type InvoiceIdentity } from "./invoice-keys";
import { raiseSignal } from "./raise";
import { confirmationLock } from "../confirmations/store";

type Tx = Prisma.TransactionClient;

/** The stored state a message is compared with, read before the message replaces it. */
export interface StateBefore {
  side: MessageSide;
  identities: InvoiceIdentity[];
  /** Its invoices as touch rows, kept in invoice search's history if the message replaces them. */
  touches: Omit<Prisma.InvoiceTouchCreateManyInput, "messageId" | "paymentId">[];
}

export const stateBeforeSelect = { result: true, utr: true, status: true, errorCd: true, totalPaise: true, supplierB2BId: true, tsInstant: true, tsTrusted: true, stateReceivedAt: true } as const;
export type StateRow = Prisma.PaymentGetPayload<{ select: typeof stateBeforeSelect }>;

/** A payment's invoices as the comparison reads them. */
export const stateInvoiceSelect = { position: true, objectId: true, supplierInvoiceNumber: true, invoiceNumberKey: true, currentVersion: true, newVersion: true, currentStatus: true, newStatus: true, paidPaise: true } as const;
type StateInvoice = Prisma.InvoicePayInfoGetPayload<{ select: typeof stateInvoiceSelect }>;

export async function readStateBefore(tx: Tx, paymentId: number, row: StateRow): Promise<StateBefore> {
  const invoices = await tx.invoicePayInfo.findMany({ where: { paymentId }, orderBy: { position: "asc" }, select: stateInvoiceSelect });
  return stateBefore(row, invoices);
}

/** The stored state as a message is compared with it: the payment's row and its invoices in position order. */
export function stateBefore(row: StateRow, invoices: StateInvoice[]): StateBefore {
  const at = row.tsTrusted && row.tsInstant ? row.tsInstant : row.stateReceivedAt;
  return {
    side: { messageId: null, ...sideOf(row), totalPaise: String(row.totalPaise), invoices: labels(invoices), at: at.toISOString() },
    identities: invoiceIdentities(row.supplierB2BId, invoices),
    touches: invoices.map(({ objectId, ...invoice }) => ({ ...invoice, invoiceObjectId: objectId, supplierB2BId: row.supplierB2BId, status: row.status, at })),
  };
}

function sideOf(s: { status: string; result: string; errorCd: string; utr: string; supplierB2BId: string }) {
  return { status: s.status, result: s.result, errorCd: s.errorCd, utr: s.utr, supplierB2BId: s.supplierB2BId };
}

function labels(invoices: { objectId: string | null; supplierInvoiceNumber: string | null }[]): string[] {
  return [...new Set(invoices.flatMap((i) => invoiceLabel(i) ?? []))];
}

export function recordSide(record: PaymentRecord, messageId: number | null): MessageSide {
  const s = record.scalars;
  return {
    messageId,
    ...sideOf(s),
    totalPaise: String(s.totalPaise),
    invoices: labels(record.invoices.map((i) => ({ objectId: i.row.objectId ?? null, supplierInvoiceNumber: i.row.supplierInvoiceNumber ?? null }))),
    at: new Date(s.occurredAt).toISOString(),
  };
}

export function recordIdentities(record: PaymentRecord): InvoiceIdentity[] {
  return invoiceIdentities(record.scalars.supplierB2BId, record.invoices.map((i) => ({ objectId: i.row.objectId ?? null, invoiceNumberKey: i.row.invoiceNumberKey ?? null })));
}

/** A message's invoices as touch rows. */
function touchesOf(record: PaymentRecord): StateBefore["touches"] {
  const at = new Date(record.scalars.occurredAt);
  return record.invoices.map(({ row }) => ({
    position: row.position,
    invoiceObjectId: row.objectId ?? null,
    supplierInvoiceNumber: row.supplierInvoiceNumber ?? null,
    invoiceNumberKey: row.invoiceNumberKey ?? null,
    supplierB2BId: record.scalars.supplierB2BId,
    currentVersion: row.currentVersion ?? null,
    newVersion: row.newVersion ?? null,
    currentStatus: row.currentStatus ?? null,
    newStatus: row.newStatus ?? null,
    paidPaise: row.paidPaise ?? null,
    status: record.scalars.status,
    at,
  }));
}

async function writeTouches(tx: Tx, paymentId: number, messageId: number | null, touches: StateBefore["touches"]): Promise<void> {
  if (messageId === null) return;
  for (const batch of inBatches(touches.map((t) => ({ ...t, paymentId, messageId })))) await tx.invoiceTouch.createMany({ data: batch });
}

/**
 * The named locks a payment's first message takes at once, before the payment is created: its
 * confirmation (lib/confirmations/store.ts) and its invoices (the duplicate check), in one statement.
 */
export function firstMessageLocks(record: PaymentRecord): string[] {
  return [confirmationLock(record.objectId), ...recordIdentities(record).map(identitySubject)];
}

export interface StoredMessage {
  paymentId: number;
  messageId: number;
  record: PaymentRecord;
  receivedAt: Date;
  /** The message became the payment's state. */
  applied: boolean;
  /** accepted | updated | revised | stale | conflict */
  outcome: string;
  /** The state before the message; null for a payment's first message. */
  before: StateBefore | null;
}

export async function afterMessageStored(tx: Tx, m: StoredMessage): Promise<void> {
  // Invoice search's history: the invoices of the state this message replaced, or of this message
  // when it was not applied. The current state's are the payment's own invoices.
  // The message that set the state found, read at most once (touches and contradictions name it).
  let found: Promise<number | null> | undefined;
  const stateMessage = () => (found ??= stateMessageId(tx, m));
  if (m.before && m.applied) await writeTouches(tx, m.paymentId, await stateMessage(), m.before.touches);
  if (m.before && !m.applied) await writeTouches(tx, m.paymentId, m.messageId, touchesOf(m.record));
  await recordSupplierAccounts(tx, m.paymentId, m.record, m.receivedAt);
  if (m.applied && (m.record.scalars.status === "success" || m.before?.side.status === "success")) {
    const identities = new Map<string, InvoiceIdentity>();
    for (const i of [...(m.before?.identities ?? []), ...recordIdentities(m.record)]) identities.set(identitySubject(i), i);
    // A first message took its invoices' locks with its confirmation's (firstMessageLocks).
    await checkDuplicateInvoices(tx, [...identities.values()], m.receivedAt, { firstMessage: m.before === null });
  }
  if (m.before) await checkContradiction(tx, m, m.before, stateMessage);
}

/** The message that set the state this one found (the newest applied one before it). */
async function stateMessageId(tx: Tx, m: StoredMessage): Promise<number | null> {
  const row = await tx.paymentMessage.findFirst({
    where: { paymentId: m.paymentId, outcome: { in: [...APPLIED] }, id: { not: m.messageId } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return row?.id ?? null;
}

/** The outcomes of messages that set a payment's state. */
export const APPLIED = ["accepted", "updated", "revised"] as const;

async function checkContradiction(tx: Tx, m: StoredMessage, before: StateBefore, stateMessage: () => Promise<number | null>): Promise<void> {
  const incoming = recordSide(m.record, m.messageId);
  // A stale message is older than the state: then the state is what came later.
  const stale = m.outcome === "stale";
  const { reasons, removed } = stale ? findContradictions(incoming, before.side) : findContradictions(before.side, incoming);
  if (reasons.length === 0) return;
  const stored = { ...before.side, messageId: await stateMessage() };
  const trim = (side: MessageSide) => ({ ...side, invoiceCount: side.invoices.length, invoices: side.invoices.slice(0, LISTED_INVOICES) });
  await raiseSignal(tx, {
    paymentId: m.paymentId,
    supplierB2BId: m.record.scalars.supplierB2BId,
    kind: "contradiction",
    subject: `message:${m.messageId}`,
    detail: {
      reasons,
      outcome: m.outcome,
      removed: removed.slice(0, LISTED_INVOICES),
      removedCount: removed.length,
      earlier: trim(stale ? incoming : stored),
      later: trim(stale ? stored : incoming),
    },
  }, m.receivedAt);
}
