import type { Metadata } from "next";
import Link from "next/link";
import { OutcomeBadge } from "@/components/deliveries/outcome-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { SimpleTable } from "@/components/ui/simple-table";
import { linkClass, secondaryButtonClass, tdClass } from "@/components/ui/styles";
import { OUTCOMES } from "@/lib/deliveries/delivery-row";
import { requireViewer } from "@/lib/auth/viewer";
import { listDeliveries, parseDeliveryParams } from "@/lib/deliveries/list-deliveries";
import { hrefWithQuery, type RawSearchParams } from "@/lib/url-state";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Delivery log" };

const AUTH_WORDS: Record<string, string> = {
  secret: "secret",
  "previous-secret": "previous secret (rotation grace)",
  off: "none (WEBHOOK_AUTH=off)",
  refused: "refused",
  unknown: "(before this was recorded)",
};

/** Columns that give way on narrower screens (their content moves into the first two). */
const WIDE = { sm: "hidden sm:table-cell", md: "hidden md:table-cell", lg: "hidden lg:table-cell", xl: "hidden xl:table-cell" } as const;

export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requireViewer("deliveries:read");
  const params = parseDeliveryParams(await searchParams);
  const { rows, nextBefore } = await listDeliveries(viewer, params);
  const href = (changes: Record<string, string | number | undefined>) =>
    hrefWithQuery("/deliveries", { outcome: params.outcome, objectId: params.objectId, ...changes });
  return (
    <>
      <PageTitle title="Delivery log" subtitle="Every webhook request received, newest first, whatever happened to it. Proof of what EnKash sent." />
      {params.objectId ? (
        <p className="mb-3 text-sm text-slate-700" data-testid="delivery-payment-filter">
          Deliveries for payment <span className="font-mono text-xs">{params.objectId}</span> ·{" "}
          <Link href={href({ objectId: undefined, before: undefined })} className={linkClass}>show all payments</Link>
        </p>
      ) : null}
      <nav aria-label="Filter by outcome" className="mb-4 flex flex-wrap gap-2 text-sm">
        {[undefined, ...OUTCOMES].map((o) => (
          <Link key={o ?? "all"} href={href({ outcome: o, before: undefined })} aria-current={params.outcome === o ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${params.outcome === o ? "border-brand-600 bg-brand-50 font-semibold text-brand-900" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}>
            {o ?? "all"}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title={params.outcome ? `No ${params.outcome} deliveries` : "No deliveries yet"}>
          Nothing has reached <code className="rounded bg-slate-100 px-1">POST /api/v0/payment/resp-pay</code>{params.outcome ? " with this outcome" : ""}{params.objectId ? " for this payment" : ""}. Send a test webhook or run <code className="rounded bg-slate-100 px-1">npm run seed</code>.
        </EmptyState>
      ) : (
        <SimpleTable
          testId="deliveries-table"
          columns={[
            { label: "Delivery" }, { label: "Outcome" }, { label: "Received (IST)", className: WIDE.md }, { label: "HTTP", className: WIDE.lg },
            { label: "Reason", className: WIDE.lg }, { label: "Payment", className: WIDE.sm }, { label: "Source", className: WIDE.xl }, { label: "Authenticated by", className: WIDE.xl },
          ]}
        >
          {rows.map((d) => (
            <tr key={d.id} data-outcome={d.outcome} className={d.outcome === "rejected" ? "bg-red-50/50" : undefined}>
              <td className={tdClass}>
                <Link href={`/deliveries/${d.id}`} className={linkClass}>#{d.id}</Link>
                <span className="block whitespace-nowrap text-xs text-slate-600 md:hidden">{d.received}</span>
              </td>
              <td className={tdClass}>
                <OutcomeBadge outcome={d.outcome} />
                {/* Narrower screens: the HTTP status and reason move under the outcome. */}
                <span className="block text-xs text-slate-600 lg:hidden">HTTP {d.httpStatus}{d.reason ? <> · <bdi>{d.reason}</bdi></> : null}</span>
              </td>
              <td className={`${tdClass} whitespace-nowrap ${WIDE.md}`}>{d.received}</td>
              <td className={`${tdClass} tabular-nums ${WIDE.lg}`}>{d.httpStatus}</td>
              <td className={`${tdClass} max-w-md text-xs ${WIDE.lg}`}><bdi>{d.reason ?? "—"}</bdi></td>
              <td className={`${tdClass} ${WIDE.sm}`}>
                {d.paymentObjectId ? <Link href={`/payments/${encodeURIComponent(d.paymentObjectId)}`} className={`${linkClass} font-mono text-xs`}><bdi>{d.paymentObjectId}</bdi></Link> : <bdi className="font-mono text-xs text-slate-500">{d.objectId ?? "—"}</bdi>}
              </td>
              <td className={`${tdClass} font-mono text-xs ${WIDE.xl}`}>{d.sourceIp ?? "—"}</td>
              <td className={`${tdClass} text-xs ${WIDE.xl}`}>{AUTH_WORDS[d.auth] ?? d.auth}</td>
            </tr>
          ))}
        </SimpleTable>
      )}
      <div className="mt-3 flex gap-2">
        {params.before ? <Link href={href({ before: undefined })} className={secondaryButtonClass}>« Newest</Link> : null}
        {nextBefore ? <Link href={href({ before: nextBefore })} className={secondaryButtonClass} rel="next">Older ›</Link> : null}
      </div>
    </>
  );
}
