import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { PaymentFilters } from "@/components/payments/payment-filters";
import { Pagination } from "@/components/payments/pagination";
import { PaymentsTable } from "@/components/payments/payments-table";
import { ExportMenu } from "@/components/payments/export-menu";
import { SavedViews } from "@/components/payments/saved-views";
import { SummaryStrip } from "@/components/payments/summary-strip";
import { UtrCandidates, UtrNotFound } from "@/components/payments/utr-results";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingSkeleton } from "@/components/ui/loading-skeleton";
import { PageTitle } from "@/components/ui/page-title";
import { linkClass } from "@/components/ui/styles";
import { findPaymentsByUtr } from "@/lib/payments/find-by-utr";
import type { Viewer } from "@/lib/auth/access";
import { can } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { activeFilters, isCanonicalQuery, listHref, readListQuery, sortLinks, type FilterErrors, type ListParams } from "@/lib/payments/list-params";
import { flattenSearchParams, type RawSearchParams } from "@/lib/url-state";
import { listErrorCodes } from "@/lib/payments/error-codes";
import { listPayments } from "@/lib/payments/list-payments";
import { listSavedViews } from "@/lib/payments/saved-views";
import { resolvePartyFilter } from "@/lib/parties/search";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Payments" };

const ORDER_WORDS = { time: { desc: "newest", asc: "oldest" }, amount: { desc: "largest", asc: "smallest" } } as const;
const SUBTITLES = {
  all: "Every EnKash payment response",
  success: "Payments EnKash reported as settled",
  failure: "Payments EnKash reported as failed, each with its error code and reason",
  other: "Payments still pending, or with a result that is neither success nor failure",
} as const;
const TITLES = { all: "Payments", success: "Settled payments", failure: "Failed payments", other: "Payments with other results" } as const;

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const utr = typeof raw.utr === "string" ? raw.utr.trim() : "";
  if (utr) return <UtrSearchResult viewer={await requireViewer("utr:search")} query={utr} />;

  const viewer = await requireViewer("payments:browse");
  const { params, errors } = readListQuery(raw);
  // Empty fields from the filter form, or values in another case: one canonical, shareable URL.
  if (Object.keys(errors).length === 0 && !isCanonicalQuery(raw, params)) redirect(listHref(params));
  // A supplier or buyer typed by name or part of its id: the one it names, or a notice.
  for (const [field, kind] of [["supplier", "supplier"], ["buyer", "buyer"]] as const) {
    const typed = params[field];
    if (typed === undefined || errors[field]) continue;
    const meaning = await resolvePartyFilter(viewer, kind, typed);
    if (meaning.kind === "one") redirect(listHref(params, { [field]: meaning.b2bId, page: 1 }));
    if (meaning.kind === "none") errors[field] = `matches no ${kind} seen in payments`;
    if (meaning.kind === "many") errors[field] = `matches several ${kind}s: pick one from the suggestions`;
  }
  const views = await listSavedViews(viewer);
  return (
    <>
      <PageTitle
        title={TITLES[params.result]}
        subtitle={`${SUBTITLES[params.result]}, ${ORDER_WORDS[params.sort][params.dir]} first. Times in IST; amounts in ₹.`}
        actions={<SavedViews views={views} query={listHref(params, { page: 1 }).split("?")[1] ?? ""} />}
      />
      {/* Keyed by the query so a new filter shows the skeleton instead of stale rows. */}
      <Suspense key={JSON.stringify([params, errors])} fallback={<LoadingSkeleton label="Loading payments…" />}>
        {Object.keys(errors).length > 0 ? (
          <FilterProblems viewer={viewer} params={withoutErrors(params, errors)} errors={errors} raw={flattenSearchParams(raw)} />
        ) : (
          <PaymentsList viewer={viewer} params={params} />
        )}
      </Suspense>
    </>
  );
}

/** The state without the filters that cannot be used (for the links built from it). */
function withoutErrors(params: ListParams, errors: FilterErrors): ListParams {
  return { ...params, ...Object.fromEntries(Object.keys(errors).map((k) => [k, undefined])) };
}

/** A filter that cannot be read is explained next to its field; the list is not shown without it. */
async function FilterProblems({ viewer, params, errors, raw }: { viewer: Viewer; params: ListParams; errors: FilterErrors; raw: Record<string, string | undefined> }) {
  const errorCodes = await listErrorCodes(viewer);
  return (
    <>
      <PaymentFilters params={params} errorCodes={errorCodes} errors={errors} raw={raw} />
      <EmptyState title="Fix the highlighted filter to see payments">
        The list is not shown without it, so that it cannot be mistaken for a filtered one.{" "}
        <Link href="/payments" className={linkClass}>Clear the filters</Link>
      </EmptyState>
    </>
  );
}

// Below the Suspense boundary: a redirect or 404 decided above it keeps its real HTTP status.
async function PaymentsList({ viewer, params }: { viewer: Viewer; params: ListParams }) {
  const [page, errorCodes] = await Promise.all([listPayments(viewer, params), listErrorCodes(viewer)]);
  // A page beyond the last (an old link, a hand-edited URL): the last page, at its own URL.
  if (params.page > page.pageCount && page.pageCount >= 1) redirect(listHref(params, { page: page.pageCount }));
  const filtered = activeFilters(params).length > 0;
  return (
    <>
      <SummaryStrip params={params} page={page} />
      <PaymentFilters params={params} errorCodes={errorCodes} />
      {page.total === 0 ? (
        filtered ? (
          <EmptyState title="No payments match these filters">
            <Link href="/payments" className={linkClass}>Clear the filters</Link> or widen the date and amount range.
          </EmptyState>
        ) : (
          <EmptyState title="No payments yet">
            Point EnKash at <code className="rounded bg-slate-100 px-1">POST /api/v0/payment/resp-pay</code>, send a test webhook
            (<code className="rounded bg-slate-100 px-1">curl … --data @tests/fixtures/enkash/resp-pay-minimal-upi.json</code>), or load demo data with{" "}
            <code className="rounded bg-slate-100 px-1">npm run seed</code>.
          </EmptyState>
        )
      ) : (
        <>
          {can(viewer.role, "export") ? <ExportMenu choices={exportChoices(params, page.total)} /> : null}
          <PaymentsTable rows={page.rows} sort={params.sort} dir={params.dir} sortLinks={sortLinks(params)} />
          <Pagination params={params} page={page.page} pageCount={page.pageCount} total={page.total} cursors={page.cursors} />
        </>
      )}
    </>
  );
}

async function UtrSearchResult({ viewer, query }: { viewer: Viewer; query: string }) {
  const result = await findPaymentsByUtr(viewer, query);
  if (result.kind === "exact") redirect(`/payments/${encodeURIComponent(result.objectId)}`);
  return (
    <>
      <PageTitle title="UTR search" subtitle={<>Results for <span className="font-mono">{query}</span> · <Link href="/payments/lookup" className={linkClass}>look up many UTRs at once</Link></>} />
      {result.kind === "candidates" ? (
        <UtrCandidates query={query} rows={result.rows} exact={result.exact} truncated={result.truncated} />
      ) : (
        <UtrNotFound query={query} deliveries={result.deliveries} />
      )}
    </>
  );
}

/** The view's exports: CSV and Excel, a row per payment or per invoice and split. */
function exportChoices(params: ListParams, total: number) {
  const query = listHref(params, { page: 1 }).slice("/payments".length);
  const invoices = `${query ? `${query}&` : "?"}level=invoices`;
  const count = total.toLocaleString("en-IN");
  return [
    { label: `CSV (${count} payments)`, href: `/payments/export.csv${query}`, rows: total },
    { label: "CSV with invoices and splits", href: `/payments/export.csv${invoices}`, rows: null },
    { label: "Excel", href: `/payments/export.xlsx${query}`, rows: total },
    { label: "Excel with invoices and splits", href: `/payments/export.xlsx${invoices}`, rows: null },
  ];
}
