import type { Metadata } from "next";
import Link from "next/link";
import { after } from "next/server";
import { Suspense } from "react";
import { DailyChart } from "@/components/overview/daily-chart";
import { DayTable } from "@/components/overview/day-table";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { PeriodNav } from "@/components/ui/period-links";
import { buttonClass, inputClass, linkClass } from "@/components/ui/styles";
import type { Viewer } from "@/lib/auth/access";
import { confirmationCounts, COUNT_CAP } from "@/lib/confirmations/read";
import type { SignalKind } from "@/lib/signals/raise";
import { openSignalCounts } from "@/lib/signals/read";
import { requireViewer } from "@/lib/auth/viewer";
import { foldDailyTotalsNow } from "@/lib/overview/daily-totals";
import { formatRate } from "@/lib/overview/format";
import { getOverview, topParties, type Figure, type Overview } from "@/lib/overview/overview";
import { overviewHref, PERIOD_KEYS, namedPeriod, readPeriodQuery, type DayRangeInclusive, type Period } from "@/lib/overview/periods";
import { partyHref } from "@/lib/parties/links";
import { formatDay } from "@/lib/time";
import type { RawSearchParams } from "@/lib/url-state";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

const fmt = new Intl.NumberFormat("en-IN");
const rangeLabel = (r: DayRangeInclusive) => (r.from === r.to ? formatDay(r.from) : `${formatDay(r.from)} – ${formatDay(r.to)}`);

export default async function OverviewPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requireViewer("payments:browse");
  const raw = await searchParams;
  const { period, error } = readPeriodQuery(raw);
  const [overview, signals, confirmations] = await Promise.all([getOverview(viewer, period), openSignalCounts(), confirmationCounts()]);
  // Merge the rollup's change rows after the response is sent (figures are exact either way).
  after(foldDailyTotalsNow);
  return (
    <>
      <PageTitle title="Overview" subtitle={`${period.label}: ${rangeLabel(period)}, compared with ${rangeLabel(period.previous)}. IST days; amounts in ₹.`} />
      <PeriodPicker period={period} error={error} raw={raw} />
      <Headline overview={overview} />
      <IntegrityLine figure={overview.integrityIssues} />
      <SignalsLine signals={signals} confirmations={confirmations} />
      <div className="mt-4 grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card title="Payments per day" className="lg:col-span-2">
          <DailyChart days={overview.days} />
          <DayTable days={overview.days} />
        </Card>
        <ErrorCodes overview={overview} />
      </div>
      <div className="mt-4 grid grid-cols-1 gap-4 md:grid-cols-2">
        {(["supplier", "buyer"] as const).map((kind) => (
          <Card key={kind} title={`Top ${kind}s by amount settled`}>
            <Suspense fallback={<p role="status" data-loading className="h-24 animate-pulse rounded bg-slate-100 p-2 text-sm text-slate-700">Adding up {kind}s…</p>}>
              <TopParties viewer={viewer} kind={kind} period={period} />
            </Suspense>
          </Card>
        ))}
      </div>
    </>
  );
}

function PeriodPicker({ period, error, raw }: { period: Period; error: string | null; raw: RawSearchParams }) {
  const typed = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : period.key === "custom" ? period[key as "from" | "to"] : "");
  return (
    <div className="mb-4 flex flex-wrap items-end gap-x-6 gap-y-3">
      <PeriodNav label="Period" items={PERIOD_KEYS.map((key) => ({ label: namedPeriod(key).label.replace(/ \(.*\)$/, ""), href: overviewHref(key), current: !error && period.key === key }))} />
      <form action="/overview" method="get" className="flex flex-wrap items-end gap-2" aria-label="Custom range">
        <label className="text-xs font-medium text-slate-600">
          From
          <input type="date" name="from" defaultValue={typed("from")} className={`${inputClass} mt-0.5`} aria-invalid={error ? true : undefined} />
        </label>
        <label className="text-xs font-medium text-slate-600">
          To
          <input type="date" name="to" defaultValue={typed("to")} className={`${inputClass} mt-0.5`} aria-invalid={error ? true : undefined} />
        </label>
        <button type="submit" className={buttonClass}>Show</button>
      </form>
      {error ? <p role="alert" className="w-full text-sm font-medium text-red-700" data-testid="period-error">{error}. Today is shown meanwhile.</p> : null}
    </div>
  );
}

/** "+12% vs previous" in words a screen reader says too. */
function Change({ now, before, testId }: { now: number; before: number; testId: string }) {
  const text = before === 0 ? (now === 0 ? "no change" : "none in the previous period") : `${now >= before ? "+" : "−"}${Math.abs(((now - before) / before) * 100).toFixed(0)}%`;
  return <p className="mt-1 text-xs text-slate-600" data-testid={testId}>{text}{before === 0 ? "" : ` vs ${fmt.format(before)} before`}</p>;
}

function FigureCard({ title, figure, previous, tone, testId, extra }: { title: string; figure: Figure; previous: Figure; tone: string; testId: string; extra?: React.ReactNode }) {
  return (
    <Link href={figure.href} data-testid={testId} className={`block rounded-lg border p-4 shadow-sm hover:ring-2 hover:ring-brand-600/30 ${figure.count > 0 ? tone : "border-slate-200 bg-white text-slate-500"}`}>
      <p className="text-xs font-medium uppercase tracking-wide">{title}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`${testId}-count`}>{fmt.format(figure.count)}</p>
      <p className="text-sm tabular-nums text-slate-700" data-testid={`${testId}-amount`}>{figure.amount}</p>
      {extra}
      <Change now={figure.count} before={previous.count} testId={`${testId}-change`} />
    </Link>
  );
}

function Headline({ overview }: { overview: Overview }) {
  const { current: c, previous: p } = overview;
  return (
    <section aria-label="The period's figures" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <FigureCard title="All payments" figure={c.payments} previous={p.payments} tone="border-slate-300 bg-white text-slate-800" testId="figure-all" />
      <FigureCard title="Settled" figure={c.byStatus.success} previous={p.byStatus.success} tone="border-emerald-300 bg-emerald-50 text-emerald-900" testId="figure-success" />
      <FigureCard
        title="Failed"
        figure={c.byStatus.failure}
        previous={p.byStatus.failure}
        tone="border-red-300 bg-red-50 text-red-800"
        testId="figure-failure"
        extra={<p className="text-sm text-red-800" data-testid="figure-failure-rate">Failure rate {formatRate(c.failureRate)} (before: {formatRate(p.failureRate)})</p>}
      />
      <FigureCard title="Other results" figure={c.byStatus.other} previous={p.byStatus.other} tone="border-slate-300 bg-slate-100 text-slate-800" testId="figure-other" />
    </section>
  );
}

/** Open signals and confirmation issues, whatever the period: each links to its list. */
function SignalsLine({ signals, confirmations }: { signals: Record<SignalKind, number>; confirmations: Record<"unconfirmed" | "rejected", number> }) {
  const items: [number, string, string, string][] = [
    [signals["duplicate-invoice"], "invoice paid more than once", "invoices paid more than once", "/signals?kind=duplicate-invoice"],
    [signals["new-account"], "payment to a new bank account", "payments to new bank accounts", "/signals?kind=new-account"],
    [signals.contradiction, "contradicting message", "contradicting messages", "/signals?kind=contradiction"],
    [confirmations.rejected, "payment rejected by the supplier", "payments rejected by suppliers", "/signals/confirmations?view=rejected"],
    [confirmations.unconfirmed, "settled payment unconfirmed", "settled payments unconfirmed", "/signals/confirmations?view=unconfirmed"],
  ];
  const open = items.filter(([count]) => count > 0);
  return (
    <p className={`mt-1 text-sm ${open.length > 0 ? "font-medium text-red-800" : "text-slate-600"}`} data-testid="figure-signals">
      {open.length === 0
        ? "✓ No open signals: no invoice paid twice, no unverified new bank account, no contradiction."
        : open.map(([count, one, many, href], i) => (
            <span key={href}>
              {i > 0 ? " · " : "⚑ "}
              <Link href={href} className="underline underline-offset-2">{count > COUNT_CAP ? `${fmt.format(COUNT_CAP)}+` : fmt.format(count)} {count === 1 ? one : many}</Link>
            </span>
          ))}
    </p>
  );
}

/** Payments whose amounts do not add up: said even when there are none, so its absence is news too. */
function IntegrityLine({ figure }: { figure: Figure }) {
  return (
    <p className={`mt-3 text-sm ${figure.count > 0 ? "font-medium text-red-800" : "text-slate-600"}`} data-testid="figure-integrity">
      {figure.count > 0 ? (
        <Link href={figure.href} className="underline underline-offset-2">
          ✕ {fmt.format(figure.count)} {figure.count === 1 ? "payment" : "payments"} ({figure.amount}) whose amounts do not add up
        </Link>
      ) : (
        "✓ Every payment in this period adds up."
      )}
    </p>
  );
}

function ErrorCodes({ overview }: { overview: Overview }) {
  return (
    <Card title="Top error codes">
      {overview.errorCodes.length === 0 && overview.uncodedFailures === 0 ? (
        <p className="text-sm text-slate-600">No failures in this period.</p>
      ) : (
        <ol className="space-y-2 text-sm" data-testid="top-error-codes">
          {overview.errorCodes.map((e) => (
            <li key={e.code}>
              <Link href={e.href} className={linkClass}><span className="font-mono">{e.code}</span></Link>
              {e.description ? <span className="text-slate-700"> — {e.description}</span> : null}
              <span className="block tabular-nums text-slate-600">{fmt.format(e.count)} {e.count === 1 ? "payment" : "payments"}, {e.amount}</span>
            </li>
          ))}
          {overview.uncodedFailures > 0 ? <li className="text-slate-600">{fmt.format(overview.uncodedFailures)} failed without an error code</li> : null}
        </ol>
      )}
    </Card>
  );
}

async function TopParties({ viewer, kind, period }: { viewer: Viewer; kind: "supplier" | "buyer"; period: Period }) {
  const top = await topParties(viewer, kind, period);
  if (top.length === 0) return <p className="text-sm text-slate-600">Nothing settled in this period.</p>;
  return (
    <ol className="space-y-2 text-sm" data-testid={`top-${kind}s`}>
      {top.map((t) => (
        <li key={t.b2bId} className="flex flex-wrap items-baseline justify-between gap-x-3">
          <Link href={partyHref(kind, t.b2bId)} className={`${linkClass} min-w-0 break-words`}><bdi>{t.name ?? t.b2bId}</bdi></Link>
          <Link href={t.href} className="tabular-nums text-slate-800 hover:underline" data-testid={`top-${kind}-amount`}>
            {t.amount} <span className="text-slate-600">({fmt.format(t.count)})</span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
