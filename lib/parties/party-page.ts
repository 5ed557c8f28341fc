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
import { listPayments } from "../payments/list-payments";
import { parseListParams } from "../payments/list-params";
import { formatIst, istDayEnd, istDayStart } from "../time";
import type { PartyKind } from "./directory";

/** Invoices listed on the page (the filtered list has the rest). */
export const PAGE_INVOICES = 50;
export const PAGE_ACCOUNTS = 100;

export interface PartyPeriod {
  from?: string;
  to?: string;
}

const column = { supplier: "supplierB2BId", buyer: "buyerB2BId" } as const;
const filterParam = { supplier: "supplier", buyer: "buyer" } as const;

export async function getPartyPage(viewer: Viewer, kind: PartyKind, b2bId: string, period: PartyPeriod) {
  authorize(viewer, "payments:browse");
  const party = await readPrisma.party.findUnique({ where: { kind_b2bId: { kind, b2bId } } });
  if (!party) return null;
  const listParams = parseListParams({ [filterParam[kind]]: b2bId, from: period.from, to: period.to, size: "25" });
  const from = period.from ? istDayStart(period.from) : null;
  const to = period.to ? istDayEnd(period.to) : null;
  const inPeriod = { [column[kind]]: b2bId, ...(from || to ? { occurredAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}) };

  const [list, failures, settled, accounts] = await Promise.all([
    listPayments(viewer, listParams),
    readPrisma.payment.groupBy({ by: ["errorCd"], where: { ...inPeriod, status: "failure" }, _count: { _all: true }, _sum: { totalPaise: true } }),
    readPrisma.payment.findMany({ where: { ...inPeriod, status: "success" }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: PAGE_INVOICES, select: { id: true } }),
    kind === "supplier"
      ? readPrisma.supplierAccount.findMany({ where: { supplierB2BId: b2bId }, orderBy: { lastSeenAt: "desc" }, take: PAGE_ACCOUNTS })
      : Promise.resolve([]),
  ]);
  // The newest settled payments' invoices (their (paymentId, position) key), newest first.
  const invoices = settled.length === 0 ? [] : await readPrisma.invoicePayInfo.findMany({
    where: { paymentId: { in: settled.map((p) => p.id) } },
    select: {
      supplierInvoiceNumber: true, objectId: true, paidPaise: true, paymentTotalPaise: true, invoiceTotalPaise: true,
      payment: { select: { objectId: true, occurredAt: true, utr: true, supplierB2BId: true, supplierName: true, buyerB2BId: true } },
    },
  });
  invoices.sort((a, b) => b.payment.occurredAt.getTime() - a.payment.occurredAt.getTime() || (b.payment.objectId < a.payment.objectId ? -1 : 1));
  const descriptions = await describeErrorCodes(failures.map((f) => f.errorCd));
  const reasons = await Promise.all(
    failures.map(async (f) => {
      const newest = await readPrisma.payment.findFirst({ where: { ...inPeriod, status: "failure", errorCd: f.errorCd }, orderBy: { occurredAt: "desc" }, select: { errorDtl: true, objectId: true } });
      return {
        errorCd: f.errorCd,
        reason: descriptions.get(f.errorCd) ?? (newest?.errorDtl.trim() || null),
        count: f._count._all,
        amount: formatInr(f._sum.totalPaise ?? 0n),
        newestObjectId: newest?.objectId ?? null,
      };
    }),
  );
  reasons.sort((a, b) => b.count - a.count || a.errorCd.localeCompare(b.errorCd));
  await auditAs(viewer, `${kind}.view`, b2bId);
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
    })),
  };
}

export type PartyPage = NonNullable<Awaited<ReturnType<typeof getPartyPage>>>;
