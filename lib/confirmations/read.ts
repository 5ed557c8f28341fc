// Confirmations on the pages: a payment's confirmations (its page and its story), settled payments
// still unconfirmed after CONFIRMATION_DUE_HOURS, and rejected confirmations.
import "server-only";
import { z } from "zod";
import { authorize, type Viewer } from "../auth/access";
import { appConfig } from "../config";
import { Prisma } from "@/generated/prisma/client";
import { readPrisma } from "../db";
import { formatInr } from "../money";
import { formatIst } from "../time";

export interface ConfirmationView {
  id: number;
  response: string;
  remarks: string;
  result: string;
  error: string;
  at: string | null;
  received: string;
  invoices: { objectId: string | null; supplierInvoiceNumber: string | null; version: string | null; status: string | null }[];
  warnings: { code: string; path: string; message: string }[];
  deliveryId: number | null;
}

/** A payment's confirmations, newest by EnKash's time first (the one shown is the first). */
export async function confirmationsOf(objectId: string): Promise<ConfirmationView[]> {
  const rows = await readPrisma.paymentConfirmation.findMany({
    where: { objectId },
    orderBy: [{ tsInstant: { sort: "desc", nulls: "last" } }, { receivedAt: "desc" }, { id: "desc" }],
    take: 50,
    include: { deliveries: { orderBy: { id: "asc" }, take: 1, select: { id: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    response: r.supplierResponse,
    remarks: r.supplierRemarks,
    result: r.result,
    error: [r.errorCd, r.errorDtl].filter(Boolean).join(": "),
    at: r.tsInstant ? formatIst(r.tsInstant) : null,
    received: formatIst(r.receivedAt),
    invoices: JSON.parse(r.invoiceInfos) as ConfirmationView["invoices"],
    warnings: JSON.parse(r.warnings) as ConfirmationView["warnings"],
    deliveryId: r.deliveries[0]?.id ?? null,
  }));
}

export const CONFIRMATION_VIEWS = ["unconfirmed", "rejected"] as const;
export const confirmationListSchema = z.object({
  view: z.enum(CONFIRMATION_VIEWS).catch("unconfirmed").default("unconfirmed"),
  /** Keyset: payments that occurred before this payment (occurredAt, id), newest first. */
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type ConfirmationListParams = z.infer<typeof confirmationListSchema>;

const PER_PAGE = 50;

type IssueView = (typeof CONFIRMATION_VIEWS)[number];

const dueBefore = (now: Date) => new Date(now.getTime() - appConfig().CONFIRMATION_DUE_HOURS * 3_600_000);

const issueWhere = (view: IssueView, now: Date) =>
  view === "unconfirmed" ? { supplierResponse: "", status: "success", occurredAt: { lt: dueBefore(now) } } : { supplierResponse: "REJECT" };

/** The same condition as SQL, for counting in the database (its index is (supplierResponse, status, occurredAt)). */
const issueSql = (view: IssueView, now: Date) =>
  view === "unconfirmed"
    ? Prisma.sql`"supplierResponse" = '' AND "status" = 'success' AND "occurredAt" < ${dueBefore(now)}`
    : Prisma.sql`"supplierResponse" = 'REJECT'`;

/**
 * Counted up to this many: a deployment whose EnKash account sends no confirmations would otherwise
 * count every settled payment on each overview.
 */
export const COUNT_CAP = 10_000;

/**
 * Counted in the database from the index, in SQL: at 1 M payments reading 10,001 ids through Prisma
 * took ~75 ms a count, and Prisma's own count({ take }) ~40 ms; this takes ~2 ms.
 */
async function cappedCount(view: IssueView, now: Date): Promise<number> {
  const [row] = await readPrisma.$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS n FROM (SELECT 1 FROM "Payment" WHERE ${issueSql(view, now)} LIMIT ${COUNT_CAP + 1}) AS capped`;
  return Number(row?.n ?? 0);
}

/** How many payments are unconfirmed past due, and rejected (the overview); COUNT_CAP + 1 means more. */
export async function confirmationCounts(now: Date = new Date()): Promise<Record<(typeof CONFIRMATION_VIEWS)[number], number>> {
  const [unconfirmed, rejected] = await Promise.all([cappedCount("unconfirmed", now), cappedCount("rejected", now)]);
  return { unconfirmed, rejected };
}

/**
 * Settled payments with no confirmation CONFIRMATION_DUE_HOURS after they occurred, or payments the
 * supplier rejected; newest first.
 */
export async function listConfirmationIssues(viewer: Viewer, p: ConfirmationListParams, now: Date = new Date()) {
  authorize(viewer, "signals:read");
  const dueHours = appConfig().CONFIRMATION_DUE_HOURS;
  const where = issueWhere(p.view, now);
  const cursor = p.before ? await readPrisma.payment.findUnique({ where: { id: p.before }, select: { id: true, occurredAt: true } }) : null;
  const keyset = cursor ? { OR: [{ occurredAt: { lt: cursor.occurredAt } }, { occurredAt: cursor.occurredAt, id: { lt: cursor.id } }] } : {};
  const [rows, total] = await Promise.all([
    readPrisma.payment.findMany({
      where: { ...where, ...keyset },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: PER_PAGE + 1,
      select: { id: true, objectId: true, supplierName: true, supplierB2BId: true, totalPaise: true, utr: true, occurredAt: true, supplierResponseAt: true },
    }),
    cappedCount(p.view, now),
  ]);
  const page = rows.slice(0, PER_PAGE);
  const remarks = p.view === "rejected" ? await latestRemarks(page.map((r) => r.objectId)) : new Map<string, string>();
  return {
    dueHours,
    total,
    next: rows.length > PER_PAGE ? page.at(-1)!.id : null,
    payments: page.map((r) => ({
      objectId: r.objectId,
      supplier: r.supplierName ?? r.supplierB2BId,
      amount: formatInr(r.totalPaise),
      utr: r.utr,
      at: formatIst(r.occurredAt),
      answered: r.supplierResponseAt ? formatIst(r.supplierResponseAt) : null,
      remarks: remarks.get(r.objectId) ?? "",
    })),
  };
}

async function latestRemarks(objectIds: string[]): Promise<Map<string, string>> {
  const rows = await readPrisma.paymentConfirmation.findMany({
    where: { objectId: { in: objectIds }, supplierResponse: "REJECT" },
    orderBy: { id: "asc" },
    select: { objectId: true, supplierRemarks: true },
  });
  return new Map(rows.map((r) => [r.objectId, r.supplierRemarks]));
}
