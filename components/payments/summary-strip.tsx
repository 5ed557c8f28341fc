import Link from "next/link";
import { listHref, type ListParams } from "@/lib/payments/list-params";
import type { PaymentPage } from "@/lib/payments/list-payments";

const fmt = new Intl.NumberFormat("en-IN");

export function SummaryStrip({ params, page }: { params: ListParams; page: PaymentPage }) {
  const failures = page.failures;
  return (
    <div className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Payments in this view</p>
        <p className="mt-1 text-2xl font-semibold tabular-nums">{fmt.format(page.total)}</p>
        <p className="text-sm tabular-nums text-slate-600">{page.totalAmount}</p>
      </div>
      <div
        data-testid="failure-summary"
        className={`rounded-lg border p-4 shadow-sm ${failures.count > 0 ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}
      >
        <p className={`text-xs font-medium uppercase tracking-wide ${failures.count > 0 ? "text-red-800" : "text-slate-500"}`}>Failures in this view</p>
        <p className={`mt-1 text-2xl font-semibold tabular-nums ${failures.count > 0 ? "text-red-700" : ""}`}>{fmt.format(failures.count)}</p>
        <p className="text-sm tabular-nums text-slate-700">{failures.amount}</p>
        {failures.count > 0 && params.result !== "failure" ? (
          <Link href={listHref(params, { result: "failure", page: 1 })} className="mt-1 inline-block text-sm font-medium text-red-800 underline">
            Show only failures
          </Link>
        ) : null}
      </div>
    </div>
  );
}
