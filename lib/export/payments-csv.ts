// CSV export of a payments view (issue 11, first part): every row that matches the view's filters,
// in its order, read in batches through a keyset on the same list index the page uses (never
// OFFSET), streamed through csv-stringify so memory stays flat however many rows there are.
import "server-only";
import { stringify } from "csv-stringify";
import type { Prisma } from "@/generated/prisma/client";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { readPrisma } from "../db";
import { paiseToDecimal } from "../money";
import { describeFailure } from "../payments/failure-text";
import { activeFilters, type ListParams } from "../payments/list-params";
import { orderBy, paymentWhere } from "../payments/list-payments";
import { statusLabel, type PaymentStatus } from "../payments/status";
import { istDay, istTimestamp } from "../time";
import { yieldToEventLoop } from "../yield";

/** Rows read per query (their invoices are read by id, and Prisma binds at most 999 parameters on
 * SQLite); between batches other requests, webhooks first of all, get their turn. */
export const EXPORT_BATCH = 500;

const COLUMNS = [
  ["time_ist", "Time (IST)"], ["time_utc", "Time (UTC)"], ["payment_id", "Payment objectId"], ["utr", "UTR"], ["mode", "Mode"], ["type", "Type"],
  ["buyer_id", "Buyer B2B id"], ["supplier_id", "Supplier B2B id"], ["supplier_name", "Supplier name"],
  ["total", "Total (INR)"], ["net_paid", "Net paid (INR)"], ["adjustment", "Adjustment (INR)"], ["currency", "Currency"],
  ["result", "Result"], ["status", "Status"], ["error_code", "Error code"], ["error_description", "Error description"], ["error_detail", "EnKash error detail"],
  ["invoices", "Invoices"], ["warnings", "Warnings"], ["succeeded_after_failing", "Succeeded after failing"], ["amount_changed", "Amount changed"],
  ["accounts", "Bank accounts (masked)"],
] as const;
type Column = (typeof COLUMNS)[number][0];
/** Amount columns: exact decimals, kept as numbers (a negative one is not a formula). */
const AMOUNTS = new Set<string>(["total", "net_paid", "adjustment"]);
/** A text cell a spreadsheet would run as a formula (OWASP's list): it is written with a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;

const select = {
  id: true, occurredAt: true, objectId: true, utr: true, mode: true, type: true, buyerB2BId: true, supplierB2BId: true, supplierName: true,
  totalPaise: true, netPaidPaise: true, netAdjustmentPaise: true, amountCurrency: true, result: true, status: true, errorCd: true, errorDtl: true,
  errorField: true, invoiceCount: true, warningCount: true, hadFailure: true, amountChanged: true,
} as const satisfies Prisma.PaymentSelect;
type ExportedPayment = Prisma.PaymentGetPayload<{ select: typeof select }>;

/** The rows after `last` in the view's order: a range on the (sort key, id) index. */
function after(p: ListParams, last: ExportedPayment | null): Prisma.PaymentWhereInput {
  const where = paymentWhere(p);
  if (!last) return where;
  const op = p.dir === "desc" ? "lt" : "gt";
  const keyset: Prisma.PaymentWhereInput = p.sort === "amount"
    ? { OR: [{ totalPaise: { [op]: last.totalPaise } }, { totalPaise: last.totalPaise, id: { [op]: last.id } }] }
    : { OR: [{ occurredAt: { [op]: last.occurredAt } }, { occurredAt: last.occurredAt, id: { [op]: last.id } }] };
  return { AND: [where, keyset] };
}

/** Every payment of the view, batch by batch, each with its masked bank accounts. */
async function* batches(p: ListParams): AsyncGenerator<{ payment: ExportedPayment; accounts: string }[]> {
  let last: ExportedPayment | null = null;
  for (;;) {
    const rows: ExportedPayment[] = await readPrisma.payment.findMany({ where: after(p, last), orderBy: orderBy(p), take: EXPORT_BATCH, select });
    if (rows.length === 0) return;
    const invoices = await readPrisma.invoicePayInfo.findMany({
      where: { paymentId: { in: rows.map((r) => r.id) } },
      select: { paymentId: true, maskedAccountNumber: true, ifsc: true, businessVPA: true },
      orderBy: [{ paymentId: "asc" }, { position: "asc" }],
    });
    const accounts = new Map<number, Set<string>>();
    for (const i of invoices) {
      const text = [i.maskedAccountNumber, i.ifsc, i.businessVPA].filter(Boolean).join(" ");
      if (text) accounts.set(i.paymentId, (accounts.get(i.paymentId) ?? new Set()).add(text));
    }
    yield rows.map((payment) => ({ payment, accounts: [...(accounts.get(payment.id) ?? [])].join("; ") }));
    last = rows.at(-1)!;
    if (rows.length < EXPORT_BATCH) return;
    await yieldToEventLoop();
  }
}

function record(payment: ExportedPayment, accounts: string, descriptions: ReadonlyMap<string, string>): Record<Column, string> {
  const status = payment.status as PaymentStatus;
  const hasError = status === "failure" || payment.errorCd !== "";
  return {
    time_ist: istTimestamp(payment.occurredAt),
    time_utc: payment.occurredAt.toISOString(),
    payment_id: payment.objectId,
    utr: payment.utr,
    mode: payment.mode,
    type: payment.type,
    buyer_id: payment.buyerB2BId,
    supplier_id: payment.supplierB2BId,
    supplier_name: payment.supplierName ?? "",
    total: paiseToDecimal(payment.totalPaise),
    net_paid: paiseToDecimal(payment.netPaidPaise),
    adjustment: paiseToDecimal(payment.netAdjustmentPaise),
    currency: payment.amountCurrency,
    result: payment.result,
    status: statusLabel(status, payment.result),
    error_code: payment.errorCd,
    error_description: hasError ? (descriptions.get(payment.errorCd) ?? "") : "",
    error_detail: hasError ? describeFailure(payment) : "",
    invoices: String(payment.invoiceCount),
    warnings: String(payment.warningCount),
    succeeded_after_failing: status === "success" && payment.hadFailure ? "yes" : "no",
    amount_changed: payment.amountChanged ? "yes" : "no",
    accounts,
  };
}

/** "payments-failed-2026-11-26.csv": what the view is, and when it was taken (IST). */
export function exportFileName(p: ListParams, now = new Date()): string {
  const view = p.result === "all" ? "all" : p.result === "failure" ? "failed" : p.result === "success" ? "settled" : "other";
  const filtered = activeFilters(p).some((f) => f !== "result") ? "-filtered" : "";
  return `payments-${view}${filtered}-${istDay(now)}.csv`;
}

/**
 * The view as CSV: UTF-8 with a BOM (Excel then shows names in Indian scripts), quoted by
 * csv-stringify, formula-looking text neutralised. Audited before the first byte.
 */
export async function exportPaymentsCsv(viewer: Viewer, p: ListParams): Promise<ReadableStream<Uint8Array>> {
  authorize(viewer, "export");
  await auditAs(viewer, "payments.export", null, { format: "csv", filters: activeFilters(p), sort: p.sort, dir: p.dir });
  const descriptions = new Map((await readPrisma.errorCode.findMany({ select: { code: true, description: true } })).map((e) => [e.code, e.description]));
  const csv = stringify({
    bom: true,
    header: true,
    columns: COLUMNS.map(([key, header]) => ({ key, header })),
    cast: { string: (value, context) => (typeof context.column === "string" && AMOUNTS.has(context.column)) || context.header || !FORMULA_START.test(value) ? value : `'${value}` },
  });
  const source = batches(p);
  const encoder = new TextEncoder();
  let pending = "";
  csv.on("data", (chunk: string | Buffer) => (pending += chunk.toString()));
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) {
        await new Promise<void>((resolve, reject) => {
          csv.once("end", resolve);
          csv.once("error", reject);
          csv.end();
        });
      } else {
        for (const { payment, accounts } of next.value) csv.write(record(payment, accounts, descriptions));
      }
      if (pending) controller.enqueue(encoder.encode(pending));
      pending = "";
      if (next.done) controller.close();
    },
    async cancel() {
      await source.return(undefined);
      csv.destroy();
    },
  });
}
