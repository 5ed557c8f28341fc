// Reading signals for the pages (README → Signals): each kind's list, one signal with its
// particulars, a payment's and a supplier's signals, the counts on the overview; and the two
// things people do with them: review one, verify an account.
import "server-only";
import { z } from "zod";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { UserError } from "../auth/users";
import { prisma, readPrisma } from "../db";
import { formatInr } from "../money";
import { formatIst } from "../time";
import { CONTRADICTIONS, type MessageSide } from "./contradictions";
import { duplicatePicture, type DuplicatePicture } from "./duplicates";
import { parseIdentitySubject } from "./invoice-keys";
import { SIGNAL_KINDS, type SignalKind } from "./raise";

export const SIGNAL_TITLES: Record<SignalKind, string> = {
  "duplicate-invoice": "Invoice paid more than once",
  "new-account": "Paid to a new bank account",
  contradiction: "Later message contradicts an earlier one",
};

export const SIGNALS_PER_PAGE = 50;
export const SIGNAL_STATES = ["open", "reviewed", "cleared"] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];

export const signalListSchema = z.object({
  kind: z.enum(SIGNAL_KINDS).catch("duplicate-invoice").default("duplicate-invoice"),
  state: z.enum(SIGNAL_STATES).catch("open").default("open"),
  /** Keyset: signals with a smaller id (the list is newest first). */
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type SignalListParams = z.infer<typeof signalListSchema>;

const stateWhere = (state: SignalState) =>
  state === "open" ? { clearedAt: null, reviewedAt: null } : state === "reviewed" ? { reviewedAt: { not: null } } : { clearedAt: { not: null }, reviewedAt: null };

const signalSelect = {
  id: true,
  kind: true,
  subject: true,
  detail: true,
  raisedAt: true,
  clearedAt: true,
  reviewedAt: true,
  reviewedBy: true,
  reviewNote: true,
  supplierB2BId: true,
  payment: { select: { objectId: true, supplierName: true, totalPaise: true, status: true, utr: true, occurredAt: true } },
} as const;

type SignalRow = Awaited<ReturnType<typeof readSignalRows>>[number];
function readSignalRows(where: object, take: number) {
  return readPrisma.paymentSignal.findMany({ where, orderBy: { id: "desc" }, take, select: signalSelect });
}

export type SignalView = ReturnType<typeof toView>;

function toView(row: SignalRow) {
  const detail = JSON.parse(row.detail) as Record<string, unknown>;
  return {
    id: row.id,
    kind: row.kind as SignalKind,
    subject: row.subject,
    title: SIGNAL_TITLES[row.kind as SignalKind] ?? row.kind,
    summary: summarize(row.kind as SignalKind, detail),
    state: (row.reviewedAt ? "reviewed" : row.clearedAt ? "cleared" : "open") as SignalState,
    raised: formatIst(row.raisedAt),
    cleared: row.clearedAt ? formatIst(row.clearedAt) : null,
    reviewed: row.reviewedAt ? { at: formatIst(row.reviewedAt), by: row.reviewedBy ?? "", note: row.reviewNote ?? "" } : null,
    supplierB2BId: row.supplierB2BId,
    payment: {
      objectId: row.payment.objectId,
      supplier: row.payment.supplierName ?? row.supplierB2BId,
      amount: formatInr(row.payment.totalPaise),
      status: row.payment.status,
      utr: row.payment.utr,
      at: formatIst(row.payment.occurredAt),
    },
    detail,
  };
}

/** One line saying what the signal is about, in the words the list shows. */
function summarize(kind: SignalKind, detail: Record<string, unknown>): string {
  if (kind === "duplicate-invoice") return "";
  if (kind === "new-account") {
    const account = [detail.maskedAccountNumber, detail.ifsc, detail.businessVPA].filter(Boolean).join(" · ");
    return `${account || "an account"}${detail.beneficiaryName ? ` (${String(detail.beneficiaryName)})` : ""}, first seen ${formatIst(new Date(String(detail.firstSeenAt)))}; compared by ${detail.comparison === "fingerprint" ? "full-number fingerprint" : "masked number, IFSC and name"}.`;
  }
  const reasons = (detail.reasons as string[] | undefined) ?? [];
  return reasons.map((r) => (CONTRADICTIONS as Record<string, string>)[r] ?? r).join("; ") + ".";
}

/** The invoice a duplicate-payment signal is about, in words. */
function invoiceWords(picture: DuplicatePicture): string {
  const { identity } = picture;
  return identity.by === "objectId" ? `Invoice ${identity.objectId}` : `Supplier invoice no. ${picture.supplierInvoiceNumber ?? identity.numberKey}`;
}

/**
 * Duplicate-payment signals say what is at stake as it is now (a payment may have failed since):
 * each invoice's settled payments are read once per page, and the picture kept with its signals.
 */
async function withPictures(views: SignalView[]): Promise<(SignalView & { picture: DuplicatePicture | null })[]> {
  const pictures = new Map<string, DuplicatePicture>();
  for (const view of views) {
    if (view.kind !== "duplicate-invoice" || pictures.has(view.subject)) continue;
    const identity = parseIdentitySubject(view.subject);
    if (identity) pictures.set(view.subject, await duplicatePicture(readPrisma, identity));
  }
  return views.map((view) => {
    const picture = pictures.get(view.subject) ?? null;
    if (!picture) return { ...view, picture };
    const summary = `${invoiceWords(picture)}: settled by ${picture.holders.length} payment${picture.holders.length === 1 ? "" : "s"}, ${formatInr(picture.paidTogetherPaise)} together, ${formatInr(picture.atStakePaise)} beyond the largest one.`;
    return { ...view, summary, picture };
  });
}

export async function listSignals(viewer: Viewer, p: SignalListParams) {
  authorize(viewer, "signals:read");
  const where = { kind: p.kind, ...stateWhere(p.state), ...(p.before ? { id: { lt: p.before } } : {}) };
  const rows = await readSignalRows(where, SIGNALS_PER_PAGE + 1);
  const more = rows.length > SIGNALS_PER_PAGE;
  const signals = await withPictures(rows.slice(0, SIGNALS_PER_PAGE).map(toView));
  return { signals, next: more ? signals.at(-1)!.id : null };
}

/** Open signals per kind: the overview's and the signals page's counts. */
export async function openSignalCounts(): Promise<Record<SignalKind, number>> {
  const groups = await readPrisma.paymentSignal.groupBy({ by: ["kind"], where: { clearedAt: null, reviewedAt: null }, _count: { _all: true } });
  const counts = Object.fromEntries(SIGNAL_KINDS.map((k) => [k, 0])) as Record<SignalKind, number>;
  for (const g of groups) if ((SIGNAL_KINDS as readonly string[]).includes(g.kind)) counts[g.kind as SignalKind] = g._count._all;
  return counts;
}

/** A payment's signals, open first (the payment page). */
export async function signalsOfPayment(paymentId: number): Promise<SignalView[]> {
  const rows = await readSignalRows({ paymentId }, 100);
  return (await withPictures(rows.map(toView))).sort((a, b) => Number(a.state !== "open") - Number(b.state !== "open"));
}

/** A supplier's open signals (the supplier page). */
export async function openSignalsOfSupplier(supplierB2BId: string): Promise<SignalView[]> {
  const rows = await readSignalRows({ supplierB2BId, clearedAt: null, reviewedAt: null }, SIGNALS_PER_PAGE);
  return withPictures(rows.map(toView));
}

export interface SignalPage {
  signal: SignalView;
  /** For an invoice paid more than once: its settled payments now. */
  duplicate: DuplicatePicture | null;
  /** Every payment flagged for the same invoice or account. */
  related: SignalView[];
  contradiction: { earlier: MessageSide & { invoiceCount: number }; later: MessageSide & { invoiceCount: number }; removed: string[]; removedCount: number; deliveries: Record<number, number | null> } | null;
}

export async function getSignal(viewer: Viewer, id: number): Promise<SignalPage | null> {
  authorize(viewer, "signals:read");
  const row = await readPrisma.paymentSignal.findUnique({ where: { id }, select: signalSelect });
  if (!row) return null;
  // Every payment flagged for the same invoice or account; one picture serves them all.
  const others = row.kind === "contradiction" ? [] : await readSignalRows({ kind: row.kind, subject: row.subject, id: { not: id } }, 100);
  const [signal, ...related] = await withPictures([row, ...others].map(toView));
  let contradiction: SignalPage["contradiction"] = null;
  if (signal!.kind === "contradiction") {
    const d = signal!.detail as unknown as NonNullable<SignalPage["contradiction"]>;
    const ids = [d.earlier.messageId, d.later.messageId].filter((m): m is number => m !== null);
    const firsts = await readPrisma.delivery.groupBy({ by: ["messageId"], where: { messageId: { in: ids } }, _min: { id: true } });
    const deliveries = Object.fromEntries(firsts.map((f) => [f.messageId!, f._min.id]));
    contradiction = { ...d, deliveries };
  }
  await auditAs(viewer, "signal.view", String(id), { kind: signal!.kind });
  return { signal: signal!, duplicate: signal!.picture, related, contradiction };
}

const noteSchema = z.string().trim().min(1, { error: "Say what you found (a note is required)." }).max(500, { error: "Keep the note under 500 characters." });

/** Marks a signal reviewed, with what the reviewer found. Audited. */
export async function reviewSignal(viewer: Viewer, id: number, note: string): Promise<void> {
  authorize(viewer, "signals:review");
  const text = noteSchema.parse(note);
  const updated = await prisma.paymentSignal.updateMany({ where: { id, reviewedAt: null }, data: { reviewedAt: new Date(), reviewedBy: viewer.email, reviewNote: text } });
  if (updated.count === 0) throw new UserError("This signal was already reviewed, or no longer exists.");
  await auditAs(viewer, "signal.review", String(id), { note: text }, { freeText: true });
}

/**
 * Marks a supplier's new bank account verified (admins only): every open signal about it is
 * reviewed with the verification, and later payments to it are no longer flagged. Audited.
 */
export async function verifyAccount(viewer: Viewer, accountId: number, note: string): Promise<void> {
  authorize(viewer, "accounts:verify");
  const text = noteSchema.parse(note);
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    const updated = await tx.supplierAccount.updateMany({ where: { id: accountId, verifiedAt: null }, data: { verifiedAt: now, verifiedBy: viewer.email } });
    if (updated.count === 0) throw new UserError("This account is already verified, or no longer exists.");
    await tx.paymentSignal.updateMany({
      where: { kind: "new-account", subject: `account:${accountId}`, reviewedAt: null },
      data: { reviewedAt: now, reviewedBy: viewer.email, reviewNote: `Account verified: ${text}` },
    });
  });
  await auditAs(viewer, "account.verify", String(accountId), { note: text }, { freeText: true });
}
