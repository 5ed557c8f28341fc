// The supplier and buyer pages (app/suppliers, app/buyers): one implementation for both kinds.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageTitle } from "@/components/ui/page-title";
import { EmptyState } from "@/components/ui/empty-state";
import { SimpleTable } from "@/components/ui/simple-table";
import { buttonClass, inputClass, linkClass, tdClass } from "@/components/ui/styles";
import { requireViewer } from "@/lib/auth/viewer";
import type { PartyKind } from "@/lib/parties/directory";
import { partyHref } from "@/lib/parties/links";
import { getPartyPage } from "@/lib/parties/party-page";
import { MAX_QUERY_CHARS, searchParties } from "@/lib/parties/search";
import { readListQuery } from "@/lib/payments/list-params";
import { formatIst } from "@/lib/time";
import { flattenSearchParams, safeDecode, type RawSearchParams } from "@/lib/url-state";
import { PartyInput } from "./party-input";
import { PartyPeriodForm, PartyView } from "./party-view";

const WORDS = {
  supplier: { title: "Suppliers", one: "Supplier", subtitle: "Find a supplier by name or id, in any case, by any part of it." },
  buyer: { title: "Buyers", one: "Buyer", subtitle: "Find a buyer by its B2B id, in any case, by any part of it." },
} as const;

/** Results of a directory search shown at once (suggestions show fewer). */
const RESULTS = 50;

type SearchProps = { searchParams: Promise<RawSearchParams> };

export function directoryPage(kind: PartyKind) {
  const words = WORDS[kind];
  return async function DirectoryPage({ searchParams }: SearchProps) {
    const viewer = await requireViewer("payments:browse");
    const raw = flattenSearchParams(await searchParams).q ?? "";
    const q = raw.trim().slice(0, MAX_QUERY_CHARS);
    const matches = q ? await searchParties(viewer, kind, q, RESULTS) : [];
    return (
      <>
        <PageTitle title={words.title} subtitle={words.subtitle} />
        <form method="get" role="search" aria-label={`Search ${words.title.toLowerCase()}`} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="min-w-0 flex-1">
            <label htmlFor="party-q" className="mb-1 block text-xs font-medium text-slate-600">{words.one} name or id</label>
            <PartyInput kind={kind} id="party-q" name="q" defaultValue={q} className={inputClass} />
          </div>
          <button type="submit" className={buttonClass}>Search</button>
        </form>
        {!q ? null : matches.length === 0 ? (
          <EmptyState title={`No ${kind} matches “${q}”`}>Try part of the name or of the id.</EmptyState>
        ) : (
          <SimpleTable testId="party-results" columns={[{ label: words.one }, { label: "B2B id" }, { label: "Last payment received (IST)" }]}>
            {matches.map((m) => (
              <tr key={m.b2bId}>
                <td className={tdClass}><Link href={partyHref(kind, m.b2bId)} className={linkClass}><bdi>{m.name ?? m.b2bId}</bdi></Link></td>
                <td className={`${tdClass} font-mono`}><bdi>{m.b2bId}</bdi></td>
                <td className={`${tdClass} whitespace-nowrap tabular-nums`}>{formatIst(m.lastSeenAt, { suffix: false })}</td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </>
    );
  };
}

type DetailProps = { params: Promise<{ b2bId: string }>; searchParams: Promise<RawSearchParams> };

export function detailMetadata(kind: PartyKind) {
  return async function generateMetadata({ params }: DetailProps): Promise<Metadata> {
    const { b2bId } = await params;
    return { title: `${WORDS[kind].one} \u2068${b2bId}\u2069` };
  };
}

export function detailPage(kind: PartyKind) {
  return async function DetailPage({ params, searchParams }: DetailProps) {
    const viewer = await requireViewer("payments:browse");
    const b2bId = safeDecode((await params).b2bId);
    if (b2bId === null) notFound();
    const raw = flattenSearchParams(await searchParams);
    const { params: period, errors } = readListQuery({ from: raw.from, to: raw.to });
    const page = await getPartyPage(viewer, kind, b2bId, { from: period.from, to: period.to });
    if (!page) notFound();
    const periodErrors = { from: errors.from, to: errors.to };
    return (
      <>
        <PageTitle
          title={<><span className="text-slate-600">{WORDS[kind].one}</span> <bdi>{page.name ?? page.b2bId}</bdi></>}
          subtitle={<><bdi className="font-mono">{page.b2bId}</bdi> · first seen {page.firstSeen} · <Link href={`/${kind}s`} className={linkClass}>all {WORDS[kind].title.toLowerCase()}</Link></>}
        />
        <PartyPeriodForm page={page} errors={periodErrors} raw={{ from: raw.from, to: raw.to }} />
        {errors.from || errors.to ? (
          <EmptyState title="Fix the highlighted date to see this period">The totals are not shown for a period that cannot be read.</EmptyState>
        ) : (
          <PartyView page={page} />
        )}
      </>
    );
  };
}
