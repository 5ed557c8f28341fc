import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryHistory } from "@/components/deliveries/delivery-history";
import { FailureBanner } from "@/components/payments/failure-banner";
import { IntegrityChecks } from "@/components/payments/integrity-checks";
import { InvoiceCard } from "@/components/payments/invoice-card";
import { ResultBadge } from "@/components/payments/result-badge";
import { Badge } from "@/components/ui/badge";
import { Card, Field } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageTitle } from "@/components/ui/page-title";
import { PaymentStory } from "@/components/payments/payment-story";
import { SignalList } from "@/components/signals/signal-list";
import { linkClass, secondaryButtonClass } from "@/components/ui/styles";
import { partyHref } from "@/lib/parties/links";
import { can } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { getPaymentByObjectId, INVOICES_PER_PAGE } from "@/lib/payments/get-payment";
import { safeDecode } from "@/lib/url-state";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ objectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  // Next 16 hands generateMetadata the decoded segment but the page the encoded one (checked
  // with an id holding "%41" and "/"), so only the page decodes.
  const { objectId } = await params;
  // FSI…PDI: the id is isolated in the tab title too, as <bdi> isolates it on the page.
  return { title: `Payment \u2068${objectId}\u2069` };
}

export default async function PaymentPage({ params, searchParams }: Props) {
  const viewer = await requireViewer("payments:read");
  const { objectId } = await params;
  const requested = Number((await searchParams).invoices ?? 1);
  const decoded = safeDecode(objectId);
  if (decoded === null) notFound(); // a malformed escape such as %E0%A4%A: no payment has that id
  const p = await getPaymentByObjectId(viewer, decoded, { invoicePage: Number.isSafeInteger(requested) && requested > 0 ? requested : 1 });
  if (!p) notFound();
  // Support opens payment pages from a UTR, but supplier pages are finance's.
  const canBrowse = can(viewer.role, "payments:browse");
  const openSignals = p.signals.filter((s) => s.state === "open");
  const closedSignals = p.signals.filter((s) => s.state !== "open");
  return (
    <>
      <PageTitle
        title={<><bdi>{p.supplierName ?? p.supplierId}</bdi> · {p.amounts.total}</>}
        subtitle={<bdi className="font-mono">{p.objectId}</bdi>}
        actions={
          <div className="flex flex-wrap gap-2" data-testid="payment-result">
            <ResultBadge status={p.status} label={p.statusLabel} errorCd={p.failure?.code ?? ""} />
            {p.succeededAfterFailing ? <Badge tone="amber">↺ Succeeded after failing</Badge> : null}
            {p.amountChanged ? <Badge tone="amber">≠ Amount changed</Badge> : null}
            {p.confirmations[0] ? <ConfirmationBadge response={p.confirmations[0].response} /> : null}
          </div>
        }
      />
      {p.status === "failure" && p.failure ? <FailureBanner failure={p.failure} result={p.result} /> : null}
      {p.status === "other" ? (
        <div role="status" data-testid="other-result" className="mb-4 rounded-lg border border-slate-300 bg-slate-100 p-4 text-slate-800">
          <p className="font-semibold">EnKash reported the result “{p.result || "(empty)"}”{p.failure?.code ? ` with error ${p.failure.code}` : ""}.</p>
          <p className="mt-1 text-sm">
            This payment is neither settled nor failed, and is counted under “Other results”, not in the settled or failed totals.
            {p.failure ? ` ${p.failure.summary}` : ""}
          </p>
        </div>
      ) : null}
      <div className="grid grid-cols-1 gap-4">
        {openSignals.length > 0 ? (
          <section role="alert" data-testid="payment-signals" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-900">
            <p className="font-semibold">{openSignals.length === 1 ? "One signal needs a look" : `${openSignals.length} signals need a look`}</p>
            <SignalList signals={openSignals} showPayment={false} testId="open-signals" />
          </section>
        ) : null}
        <Card title="Summary">
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
            <Field label="Total (gross of adjustments)"><span className="text-lg font-semibold tabular-nums" data-testid="total-amount">{p.amounts.total}</span></Field>
            <Field label="Net paid / adjustments"><span className="tabular-nums" data-testid="net-paid">{p.amounts.paid}</span> <span className="tabular-nums text-slate-600">/ {p.amounts.adjustment}</span></Field>
            <Field label="UTR">
              <span className="inline-flex flex-wrap items-center gap-2">
                <bdi className="font-mono" data-testid="utr">{p.utr || "(empty)"}</bdi>
                {p.utr ? <CopyButton value={p.utr} label="Copy UTR" /> : null}
              </span>
            </Field>
            <Field label="Mode / type"><bdi>{p.mode}</bdi> · <bdi>{p.type}</bdi></Field>
            <Field label="Time (IST)">
              <span data-testid="payment-time">{p.tsIst ?? "unparseable"}</span>
              {p.tsTrusted ? null : <span className="block text-xs text-amber-800">Ordered by receipt time ({p.stateReceived}): the ts is unrecognised or too far ahead.</span>}
            </Field>
            <Field label="ts as received"><span className="font-mono text-xs">{p.tsRaw || "(empty)"}</span></Field>
            <Field label="Supplier">
              {canBrowse ? <Link href={partyHref("supplier", p.supplierId)} className={linkClass}><bdi>{p.supplierName ?? p.supplierId}</bdi></Link> : <bdi>{p.supplierName ?? "—"}</bdi>}
              <bdi className="block font-mono text-xs text-slate-600">{p.supplierId}</bdi>
            </Field>
            <Field label="Buyer">
              {canBrowse ? <Link href={partyHref("buyer", p.buyerId)} className={`${linkClass} font-mono text-xs`}><bdi>{p.buyerId}</bdi></Link> : <bdi className="font-mono text-xs">{p.buyerId}</bdi>}
            </Field>
            <Field label="Currency">{p.currency}{p.amounts.currency !== p.currency ? ` (amounts: ${p.amounts.currency})` : ""}</Field>
            <Field label="Latest reqMsgId"><bdi className="font-mono text-xs">{p.reqMsgId}</bdi></Field>
            <Field label="First received">{p.firstReceived}</Field>
            <Field label="Supplier confirmation">
              {p.confirmations[0] ? (
                <span data-testid="supplier-confirmation">
                  {p.confirmations[0].response === "ACCEPT" ? "Accepted" : p.confirmations[0].response === "REJECT" ? "Rejected" : <bdi>{p.confirmations[0].response}</bdi>}
                  {p.confirmations[0].remarks ? <> · “<bdi>{p.confirmations[0].remarks}</bdi>”</> : null}
                  <span className="block text-xs text-slate-600">{p.confirmations[0].at ?? p.confirmations[0].received}</span>
                </span>
              ) : (
                <span className="text-slate-600" data-testid="supplier-confirmation">Not yet confirmed</span>
              )}
            </Field>
          </dl>
        </Card>

        <Card title="What happened">
          <PaymentStory entries={p.story.entries} truncated={p.story.truncated} />
        </Card>

        {closedSignals.length > 0 ? (
          <Card title={`Signals reviewed or no longer holding (${closedSignals.length})`}>
            <SignalList signals={closedSignals} showPayment={false} testId="closed-signals" />
          </Card>
        ) : null}

        <Card title="Do the amounts add up?">
          <IntegrityChecks integrity={p.integrity} />
        </Card>

        {p.warnings.length > 0 ? (
          <Card title={`Validation warnings (${p.warnings.length})`}>
            <p className="mb-2 text-sm text-slate-600">The payment was stored as received; these values did not match what EnKash documents or what we expect.</p>
            <ul className="space-y-1 text-sm" data-testid="warnings">
              {p.warnings.map((w, i) => (
                <li key={i}>
                  <Badge tone="amber">{w.code}</Badge> <bdi className="font-mono text-xs">{w.path}</bdi> — <bdi>{w.message}</bdi>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}

        <h2 className="mt-2 text-base font-semibold">Invoices ({p.invoiceCount.toLocaleString("en-IN")})</h2>
        {p.invoicePages > 1 ? <InvoicePager objectId={p.objectId} page={p.invoicePage} pages={p.invoicePages} count={p.invoiceCount} /> : null}
        {p.invoices.map((invoice) => <InvoiceCard key={invoice.position} invoice={invoice} />)}
        {p.invoicePages > 1 ? <InvoicePager objectId={p.objectId} page={p.invoicePage} pages={p.invoicePages} count={p.invoiceCount} /> : null}

        <Card title="Additional information">
          {p.additionalInfos.length === 0 ? (
            <p className="text-sm text-slate-500">None sent.</p>
          ) : (
            <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              {p.additionalInfos.map((a, i) => <Field key={i} label={a.name ?? "(no name)"}><bdi>{a.value ?? "—"}</bdi></Field>)}
            </dl>
          )}
        </Card>

        <Card title={`Delivery history (${p.deliveryCount.toLocaleString("en-IN")})`}>
          <DeliveryHistory objectId={p.objectId} deliveries={p.deliveries} total={p.deliveryCount} showsRaw={can(viewer.role, "raw:read")} />
        </Card>
      </div>
    </>
  );
}

const fmt = new Intl.NumberFormat("en-IN");

/** Pages through a payment's invoices, INVOICES_PER_PAGE at a time. */
function InvoicePager({ objectId, page, pages, count }: { objectId: string; page: number; pages: number; count: number }) {
  const href = (target: number) => `/payments/${encodeURIComponent(objectId)}${target === 1 ? "" : `?invoices=${target}`}`;
  const first = (page - 1) * INVOICES_PER_PAGE + 1;
  const last = Math.min(count, page * INVOICES_PER_PAGE);
  const link = (target: number, label: string) =>
    target < 1 || target > pages || target === page ? (
      <span aria-disabled className={`${secondaryButtonClass} pointer-events-none opacity-40`}>{label}</span>
    ) : (
      <Link href={href(target)} className={secondaryButtonClass}>{label}</Link>
    );
  return (
    <nav aria-label="Invoice pages" data-testid="invoice-pager" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
      <p>Invoices <strong>{fmt.format(first)}–{fmt.format(last)}</strong> of <strong>{fmt.format(count)}</strong> · page {fmt.format(page)} of {fmt.format(pages)}</p>
      <div className="flex flex-wrap gap-2">
        {link(1, "« First")}
        {link(page - 1, "‹ Previous")}
        {link(page + 1, "Next ›")}
        {link(pages, "Last »")}
      </div>
    </nav>
  );
}

function ConfirmationBadge({ response }: { response: string }) {
  if (response === "ACCEPT") return <Badge tone="green">✓ Supplier accepted</Badge>;
  if (response === "REJECT") return <Badge tone="red">✕ Supplier rejected</Badge>;
  return <Badge tone="amber">Supplier answered <bdi>{response}</bdi></Badge>;
}
