import Link from "next/link";
import { listHref, type ListParams } from "@/lib/payments/list-params";
import type { PaymentPage, Tally } from "@/lib/payments/list-payments";
import type { PaymentStatus } from "@/lib/payments/status";

const fmt = new Intl.NumberFormat("en-IN");

const CARDS: { status: PaymentStatus; title: string; tone: string; link: string }[] = [
  { status: "success", title: "Settled (SUCCESS)", tone: "border-emerald-300 bg-emerald-50 text-emerald-900", link: "Show only settled" },
  { status: "failure", title: "Failed (FAILURE)", tone: "border-red-300 bg-red-50 text-red-800", link: "Show only failures" },
  { status: "other", title: "Other results", tone: "border-slate-300 bg-slate-100 text-slate-800", link: "Show them" },
];

function Card({ title, tally, tone, testId, children }: { title: string; tally: Tally; tone: string; testId: string; children?: React.ReactNode }) {
  return (
    <div data-testid={testId} className={`rounded-lg border p-4 shadow-sm ${tally.count > 0 ? tone : "border-slate-200 bg-white text-slate-500"}`}>
      <p className="text-xs font-medium uppercase tracking-wide">{title}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`${testId}-count`}>{fmt.format(tally.count)}</p>
      <p className="text-sm tabular-nums text-slate-700" data-testid={`${testId}-amount`}>{tally.amount}</p>
      {children}
    </div>
  );
}

/** The view's payments split by result: what settled, what failed, and anything else, each with its amount. */
export function SummaryStrip({ params, page }: { params: ListParams; page: PaymentPage }) {
  return (
    <section aria-label="Totals of this view" className="mb-4">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {CARDS.map(({ status, title, tone, link }) => (
          <Card key={status} title={title} tally={page.byStatus[status]} tone={tone} testId={`summary-${status}`}>
            {page.byStatus[status].count > 0 && params.result !== status ? (
              <Link href={listHref(params, { result: status, page: 1 })} className="mt-1 inline-block text-sm font-medium underline">{link}</Link>
            ) : null}
          </Card>
        ))}
      </div>
      <p className="mt-2 text-xs text-slate-600" data-testid="summary-note">
        {fmt.format(page.all.count)} payments in this view, {page.all.amount} in all. Amounts are payment totals, gross of
        adjustments (TDS, credit notes); each payment shows its net paid.
      </p>
    </section>
  );
}
