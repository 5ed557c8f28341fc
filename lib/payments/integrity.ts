// A payment's arithmetic, shown (issue 12, first part): do its invoices add up to it, does paid +
// adjustment make each total, do splits add up to their adjustment, is every currency the same?
// Worked out from the stored rows with SQL sums, so a payment of 5,000 invoices is checked whole,
// not just the page of invoices on screen.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { readPrisma } from "../db";

export type IntegrityRule = "invoices-sum" | "paid-plus-adjustment" | "splits-sum" | "currency";

export interface IntegrityCheck {
  rule: IntegrityRule;
  /** "Payment", or "Invoice 3" (1-based, as the page numbers them). */
  scope: string;
  /** What is compared: "Total", "Net paid", "Adjustment", or a currency field. */
  what: string;
  /** Amounts in paise (null: a figure the message did not carry), or currency codes. */
  expected: bigint | string | null;
  actual: bigint | string | null;
  ok: boolean;
}

export interface PaymentIntegrity {
  checks: IntegrityCheck[];
  /** Failing invoice-level checks beyond those listed (each rule lists at most 20). */
  moreFailures: number;
  /** Rules that could not be applied, and why ("2 invoices carry no payment amount"). */
  notChecked: string[];
}

const LISTED = 20;

interface Totals {
  netPaidPaise: bigint;
  netAdjustmentPaise: bigint;
  totalPaise: bigint;
  currency: string;
  amountCurrency: string;
}

const big = (v: bigint | number | string | null) => (v === null ? null : BigInt(v));

export async function paymentIntegrity(paymentId: number, p: Totals): Promise<PaymentIntegrity> {
  const checks: IntegrityCheck[] = [];
  const notChecked: string[] = [];
  let moreFailures = 0;

  // The payment's own arithmetic.
  checks.push({ rule: "paid-plus-adjustment", scope: "Payment", what: "Total", expected: p.netPaidPaise + p.netAdjustmentPaise, actual: p.totalPaise, ok: p.netPaidPaise + p.netAdjustmentPaise === p.totalPaise });

  // Invoices against the payment: sums over every invoice, those without amounts counted apart.
  const [sums] = await readPrisma.$queryRaw<{ invoices: number | bigint; incomplete: number | bigint; paid: string | null; adjustment: string | null; total: string | null }[]>`
    SELECT COUNT(*) AS invoices,
           SUM(CASE WHEN "paidPaise" IS NULL OR "adjustmentPaise" IS NULL OR "paymentTotalPaise" IS NULL THEN 1 ELSE 0 END) AS incomplete,
           CAST(SUM("paidPaise") AS TEXT) AS paid, CAST(SUM("adjustmentPaise") AS TEXT) AS adjustment, CAST(SUM("paymentTotalPaise") AS TEXT) AS total
    FROM "InvoicePayInfo" WHERE "paymentId" = ${paymentId}`;
  const invoices = Number(sums?.invoices ?? 0);
  const incomplete = Number(sums?.incomplete ?? 0);
  if (invoices === 0) notChecked.push("The payment covers no invoice: there is nothing to add up.");
  else if (incomplete > 0) notChecked.push(`${incomplete} of ${invoices} invoices carry no payment amount: their sums cannot be compared with the payment.`);
  else {
    for (const [what, expected, actual] of [["Net paid", p.netPaidPaise, sums!.paid], ["Adjustment", p.netAdjustmentPaise, sums!.adjustment], ["Total", p.totalPaise, sums!.total]] as const) {
      checks.push({ rule: "invoices-sum", scope: "Payment", what, expected, actual: big(actual), ok: big(actual) === expected });
    }
  }

  // Each invoice: paid + adjustment = its payment total (only those that fail are listed).
  const invoiceCount = async (where: Prisma.Sql) =>
    Number((await readPrisma.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n FROM "InvoicePayInfo" WHERE "paymentId" = ${paymentId} AND ${where}`)[0]?.n ?? 0);
  const arithmetic = Prisma.sql`"paidPaise" + "adjustmentPaise" <> "paymentTotalPaise"`;
  const wrong = await readPrisma.$queryRaw<{ position: number; paid: string; adjustment: string; total: string }[]>`
    SELECT "position", CAST("paidPaise" AS TEXT) AS paid, CAST("adjustmentPaise" AS TEXT) AS adjustment, CAST("paymentTotalPaise" AS TEXT) AS total
    FROM "InvoicePayInfo" WHERE "paymentId" = ${paymentId} AND ${arithmetic} ORDER BY "position" LIMIT ${LISTED}`;
  for (const w of wrong) checks.push({ rule: "paid-plus-adjustment", scope: `Invoice ${w.position + 1}`, what: "Total", expected: BigInt(w.paid) + BigInt(w.adjustment), actual: BigInt(w.total), ok: false });
  if (wrong.length === LISTED) moreFailures += (await invoiceCount(arithmetic)) - LISTED;

  // Each invoice with splits: the splits add up to its adjustment.
  const splitSums = await readPrisma.$queryRaw<{ position: number; adjustment: string | null; splits: string }[]>`
    SELECT i."position", CAST(i."adjustmentPaise" AS TEXT) AS adjustment, CAST(SUM(COALESCE(s."valuePaise", 0)) AS TEXT) AS splits
    FROM "InvoicePayInfo" i JOIN "InvoiceSplit" s ON s."invoiceId" = i."id"
    WHERE i."paymentId" = ${paymentId}
    GROUP BY i."id", i."position", i."adjustmentPaise"
    HAVING i."adjustmentPaise" IS NULL OR SUM(COALESCE(s."valuePaise", 0)) <> i."adjustmentPaise"
    ORDER BY i."position" LIMIT ${LISTED + 1}`;
  for (const s of splitSums.slice(0, LISTED)) checks.push({ rule: "splits-sum", scope: `Invoice ${s.position + 1}`, what: "Adjustment", expected: big(s.adjustment), actual: BigInt(s.splits), ok: false });
  if (splitSums.length > LISTED) moreFailures += 1;

  // Currencies: the payment's, its amount's and every invoice's, all INR (EnKash B2B pays in rupees;
  // ingest flags any other currency, and the list's "amounts do not add up" filter counts it).
  const currencies = await readPrisma.$queryRaw<{ field: string; currency: string; n: number | bigint }[]>`
    SELECT 'Invoice currency' AS field, "invoiceCurrency" AS currency, COUNT(*) AS n FROM "InvoicePayInfo" WHERE "paymentId" = ${paymentId} AND "invoiceCurrency" IS NOT NULL GROUP BY "invoiceCurrency"
    UNION ALL
    SELECT 'Invoice payment currency' AS field, "paymentCurrency" AS currency, COUNT(*) AS n FROM "InvoicePayInfo" WHERE "paymentId" = ${paymentId} AND "paymentCurrency" IS NOT NULL GROUP BY "paymentCurrency"`;
  const fields: [string, string][] = [["Payment currency", p.currency], ["Payment amount currency", p.amountCurrency], ...currencies.map((c) => [`${c.field} (${Number(c.n)} ${Number(c.n) === 1 ? "invoice" : "invoices"})`, c.currency] as [string, string])];
  for (const [what, currency] of fields) checks.push({ rule: "currency", scope: "Payment", what, expected: "INR", actual: currency, ok: currency === "INR" });

  return { checks, moreFailures, notChecked };
}

/** Whether any check failed. */
export const hasIntegrityIssue = (i: PaymentIntegrity) => i.moreFailures > 0 || i.checks.some((c) => !c.ok);
