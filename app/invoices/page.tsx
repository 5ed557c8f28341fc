import type { Metadata } from "next";
import { PaymentLink } from "@/components/payments/payment-link";
import { ResultBadge } from "@/components/payments/result-badge";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, inputClass, tableClass, tdClass, thClass } from "@/components/ui/styles";
import { requireViewer } from "@/lib/auth/viewer";
import { INVOICE_SEARCH_LIMIT, searchInvoices } from "@/lib/signals/invoice-search";
import { statusLabel } from "@/lib/payments/status";
import { flattenSearchParams } from "@/lib/url-state";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invoice search" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InvoicesPage({ searchParams }: Props) {
  const viewer = await requireViewer("signals:read");
  const q = (flattenSearchParams(await searchParams).q ?? "").slice(0, 300);
  const { hits, truncated } = q.trim() ? await searchInvoices(viewer, q) : { hits: [], truncated: false };
  return (
    <>
      <PageTitle title="Invoice search" subtitle="Every payment that touched an invoice, by its EnKash objectId or the supplier's invoice number (spaces and letter case ignored), with each message's version and status over time." />
      <form action="/invoices" method="get" role="search" className="mb-4 flex max-w-xl gap-2">
        <label htmlFor="invoice-q" className="sr-only">Invoice objectId or supplier invoice number</label>
        <input id="invoice-q" name="q" type="search" required defaultValue={q} placeholder="INV… or SGT/2025-26/0412" className={inputClass} />
        <button type="submit" className={buttonClass}>Search</button>
      </form>
      {q.trim() === "" ? null : hits.length === 0 ? (
        <EmptyState title="No payment touched this invoice">Check the number, or search by the invoice&apos;s objectId.</EmptyState>
      ) : (
        <div className="grid gap-4" data-testid="invoice-hits">
          <p className="text-sm text-slate-700" role="status">{hits.length.toLocaleString("en-IN")} payment{hits.length === 1 ? "" : "s"} touched this invoice{truncated ? ` (the first ${INVOICE_SEARCH_LIMIT} messages are shown)` : ""}.</p>
          {hits.map((h) => (
            <Card key={h.objectId} title={<><PaymentLink objectId={h.objectId} /> · <bdi>{h.supplier}</bdi> · <span className="tabular-nums">{h.amount}</span></>}
              actions={<span className="flex gap-2"><ResultBadge status={h.status} label={statusLabel(h.status, h.result)} errorCd={h.errorCd} />{h.duplicateFlagged ? <Badge tone="red">Invoice paid more than once</Badge> : null}</span>}>
              <div className="overflow-x-auto">
                <table className={tableClass} data-testid="invoice-history">
                  <thead><tr><th className={thClass}>Time (IST)</th><th className={thClass}>Invoice</th><th className={thClass}>Version</th><th className={thClass}>Status</th><th className={`${thClass} text-right`}>Paid</th><th className={thClass}>Message</th></tr></thead>
                  <tbody className="divide-y divide-slate-100">
                    {h.history.map((t, i) => (
                      <tr key={i}>
                        <td className={`${tdClass} whitespace-nowrap`}>{t.at}</td>
                        <td className={`${tdClass} font-mono text-xs`}><bdi>{t.invoice}</bdi></td>
                        <td className={tdClass}>{t.version}</td>
                        <td className={tdClass}>{t.transition}</td>
                        <td className={`${tdClass} text-right tabular-nums`}>{t.paid}</td>
                        <td className={tdClass}>{t.status} · {t.messageOutcome}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
