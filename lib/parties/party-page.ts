// A supplier's or buyer's page: totals for a period, the invoices paid, the failures and their
// reasons, the bank accounts seen (suppliers), and the payments list filtered to it. Every read is
// a range on the (supplierB2BId | buyerB2BId, occurredAt, …) list index or on the small directory
// tables, so the page costs what one supplier's payments cost, not what the whole table does.
import "server-only";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { readPrisma } from "../db";
import { formatInr } from "../money";
import { describeErrorCodes } from "../payments/error-codes";
import { listPayments, paymentWhere } from "../payments/list-payments";
import { parseListParams } from "../payments/list-params";
import { openSignalsOfSupplier } from "../signals/read";
import { formatIst } from "../time";
import type { PartyKind } from "./directory";

/** Invoices listed on the page (the filtered list has the rest). */
export const PAGE_INVOICES = 50;
export const PAGE_ACCOUNTS = 100;
/** Failures read for EnKash's words per code (a code not among them is read on its own). */
const NEWEST_FAILURES = 200;
/** The newest payments shown on the page; the list has them all. */
export const PAGE_PAYMENTS = 10;

export interface PartyPeriod {
  from?: string;
  to?: string;
}

export async function getPartyPage(viewer: Viewer, kind: PartyKind, b2bId: string, period: PartyPeriod) {
  authorize(viewer, "payments:browse");
  const party = await readPrisma.party.findUnique({ where: { kind_b2bId: { kind, b2bId } } });
  if (!party) return null;
  // The list's supplier or buyer filter is named after the kind.
  const listParams = parseListParams({ [kind]: b2bId, from: period.from, to: period.to, size: "25" });
  // The list's own filter (party and IST period), so the page's figures are the linked list's.
  const inPeriod = paymentWhere(listParams);

  // Independent reads run side by side; each chain waits only for what it needs.
  const failuresWithWords = readPrisma.payment
    .groupBy({ by: ["errorCd"], where: { ...inPeriod, status: "failure" }, _count: { _all: true }, _sum: { totalPaise: true } })
    .then(async (groups) => ({ groups, descriptions: await describeErrorCodes(groups.map((g) => g.errorCd)) }));
  // EnKash's words for each code: from the newest failures (one read), else that code's newest.
  const newestFailures = readPrisma.payment.findMany({
    where: { ...inPeriod, status: "failure" },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: NEWEST_FAILURES,
    select: { errorCd: true, errorDtl: true },
  });
  // The newest settled payments' invoices (their (paymentId, position) key).
  const invoicesPaid = readPrisma.payment
    .findMany({ where: { ...inPeriod, status: "success" }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: PAGE_INVOICES, select: { id: true } })
    .then((settled) => settled.length === 0 ? [] : readPrisma.invoicePayInfo.findMany({
      where: { paymentId: { in: settled.map((p) => p.id) } },
      select: {
        supplierInvoiceNumber: true, objectId: true, paidPaise: true,
        payment: { select: { objectId: true, occurredAt: true, utr: true, supplierB2BId: true, supplierName: true, buyerB2BId: true } },
      },
    }));
  const [list, { groups, descriptions }, newest, invoices, accounts, signals] = await Promise.all([
    listPayments(viewer, listParams),
    failuresWithWords,
    newestFailures,
    invoicesPaid,
    kind === "supplier"
      ? readPrisma.supplierAccount.findMany({ where: { supplierB2BId: b2bId }, orderBy: { lastSeenAt: "desc" }, take: PAGE_ACCOUNTS })
      : Promise.resolve([]),
    kind === "supplier" ? openSignalsOfSupplier(b2bId) : Promise.resolve([]),
    auditAs(viewer, `${kind}.view`, b2bId),
  ]);
  invoices.sort((a, b) => b.payment.occurredAt.getTime() - a.payment.occurredAt.getTime() || (b.payment.objectId < a.payment.objectId ? -1 : 1));
  const enkashWords = new Map<string, string>();
  for (const f of newest) if (!enkashWords.has(f.errorCd)) enkashWords.set(f.errorCd, f.errorDtl.trim());
  const reasons = await Promise.all(
    groups.map(async (g) => {
      const words = enkashWords.has(g.errorCd) ? enkashWords.get(g.errorCd) : (await readPrisma.payment.findFirst({
        where: { ...inPeriod, status: "failure", errorCd: g.errorCd }, orderBy: { occurredAt: "desc" }, select: { errorDtl: true },
      }))?.errorDtl.trim();
      return { errorCd: g.errorCd, reason: descriptions.get(g.errorCd) ?? (words || null), count: g._count._all, amount: formatInr(g._sum.totalPaise ?? 0n) };
    }),
  );
  reasons.sort((a, b) => b.count - a.count || a.errorCd.localeCompare(b.errorCd));
  return {
    kind,
    b2bId: party.b2bId,
    name: party.name,
    firstSeen: formatIst(party.firstSeenAt),
    list,
    listParams,
    failures: reasons,
    invoices: invoices.slice(0, PAGE_INVOICES).map((i) => ({
      number: i.supplierInvoiceNumber,
      invoiceObjectId: i.objectId,
      paid: i.paidPaise === null ? "—" : formatInr(i.paidPaise),
      paymentObjectId: i.payment.objectId,
      utr: i.payment.utr,
      time: formatIst(i.payment.occurredAt, { suffix: false }),
      counterpart: kind === "supplier" ? i.payment.buyerB2BId : i.payment.supplierName ?? i.payment.supplierB2BId,
      counterpartId: kind === "supplier" ? i.payment.buyerB2BId : i.payment.supplierB2BId,
    })),
    accounts: accounts.map((a) => ({
      maskedAccountNumber: a.maskedAccountNumber,
      ifsc: a.ifsc,
      businessVPA: a.businessVPA,
      beneficiaryName: a.beneficiaryName,
      firstSeen: formatIst(a.firstSeenAt, { suffix: false }),
      lastSeen: formatIst(a.lastSeenAt, { suffix: false }),
      /** new: first seen when the supplier had another account, and not yet verified by an admin. */
      check: a.verifiedAt ? { state: "verified" as const, by: a.verifiedBy ?? "", at: formatIst(a.verifiedAt) } : a.isNew ? { state: "new" as const } : { state: "known" as const },
      comparedBy: a.fingerprint ? "full number" : "masked number",
      signalId: signals.find((s) => s.kind === "new-account" && s.subject === `account:${a.id}`)?.id ?? null,
    })),
    /** Open signals on this supplier's payments, newest first. */
    signals,
  };
}

export type PartyPage = NonNullable<Awaited<ReturnType<typeof getPartyPage>>>;
