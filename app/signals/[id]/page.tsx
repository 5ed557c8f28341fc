import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/admin/action-form";
import { PaymentLink } from "@/components/payments/payment-link";
import { SideBySide } from "@/components/signals/side-by-side";
import { SignalList, SignalState } from "@/components/signals/signal-list";
import { Card, Field } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, inputClass, linkClass, tableClass, tdClass, thClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { formatInr } from "@/lib/money";
import { partyHref } from "@/lib/parties/links";
import { getSignal } from "@/lib/signals/read";
import { formatIst } from "@/lib/time";
import { reviewSignalAction, verifyAccountAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Signal" };

type Props = { params: Promise<{ id: string }> };

export default async function SignalPage({ params }: Props) {
  const viewer = await requireViewer("signals:read");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id < 1) notFound();
  const page = await getSignal(viewer, id);
  if (!page) notFound();
  const { signal, duplicate, related, contradiction } = page;
  const accountId = signal.kind === "new-account" ? Number(signal.detail.accountId) : null;
  return (
    <>
      <PageTitle title={<>{signal.title} <SignalState signal={signal} /></>} subtitle={<bdi>{signal.summary}</bdi>} />
      <div className="grid grid-cols-1 gap-4">
        <Card title="Payment">
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
            <Field label="Payment"><PaymentLink objectId={signal.payment.objectId} /></Field>
            <Field label="Supplier"><Link href={partyHref("supplier", signal.supplierB2BId)} className={linkClass}><bdi>{signal.payment.supplier}</bdi></Link></Field>
            <Field label="Amount"><span className="tabular-nums">{signal.payment.amount}</span></Field>
            <Field label="Raised">{signal.raised}{signal.cleared ? <span className="block text-xs text-slate-600">No longer holds since {signal.cleared}</span> : null}</Field>
          </dl>
        </Card>

        {duplicate ? (
          <Card title={`Settled payments of this invoice (${duplicate.holders.length})`}>
            <p className="mb-2 text-sm text-slate-700" data-testid="at-stake">
              Paid together <strong className="tabular-nums">{formatInr(duplicate.paidTogetherPaise)}</strong>; beyond the largest single payment <strong className="tabular-nums text-red-800">{formatInr(duplicate.atStakePaise)}</strong>.
            </p>
            <div className="overflow-x-auto">
              <table className={tableClass} data-testid="duplicate-holders">
                <thead><tr><th className={thClass}>Payment</th><th className={thClass}>Time (IST)</th><th className={thClass}>UTR</th><th className={thClass}>Version</th><th className={`${thClass} text-right`}>Paid on invoice</th><th className={`${thClass} text-right`}>Invoice total</th></tr></thead>
                <tbody className="divide-y divide-slate-100">
                  {duplicate.holders.map((h) => (
                    <tr key={h.objectId}>
                      <td className={tdClass}><PaymentLink objectId={h.objectId} /></td>
                      <td className={`${tdClass} whitespace-nowrap`}>{formatIst(h.occurredAt)}</td>
                      <td className={`${tdClass} font-mono text-xs`}><bdi>{h.utr}</bdi></td>
                      <td className={tdClass}>{h.version}</td>
                      <td className={`${tdClass} text-right tabular-nums`}>{formatInr(h.paidPaise)}</td>
                      <td className={`${tdClass} text-right tabular-nums`}>{h.invoiceTotalPaise === null ? "—" : formatInr(h.invoiceTotalPaise)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        ) : null}

        {contradiction ? (
          <Card title="The two messages">
            {contradiction.removedCount > 0 ? <p className="mb-2 text-sm text-red-800">{contradiction.removedCount.toLocaleString("en-IN")} invoice(s) disappeared: <bdi>{contradiction.removed.join(", ")}</bdi>{contradiction.removedCount > contradiction.removed.length ? ", …" : ""}</p> : null}
            <SideBySide earlier={contradiction.earlier} later={contradiction.later} deliveries={contradiction.deliveries} />
          </Card>
        ) : null}

        {accountId !== null ? (
          <Card title="The account">
            <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
              <Field label="Account (masked)"><span className="font-mono">{String(signal.detail.maskedAccountNumber || "—")}</span></Field>
              <Field label="IFSC"><span className="font-mono">{String(signal.detail.ifsc || "—")}</span></Field>
              <Field label="Beneficiary"><bdi>{String(signal.detail.beneficiaryName ?? "—")}</bdi></Field>
              <Field label="Compared by">{signal.detail.comparison === "fingerprint" ? "the full number (keyed fingerprint)" : "masked number, IFSC and beneficiary name"}</Field>
            </dl>
            {can(viewer.role, "accounts:verify") && signal.state === "open" ? (
              <ActionForm action={verifyAccountAction} className="mt-4 grid max-w-xl gap-2" testId="verify-account">
                <input type="hidden" name="accountId" value={accountId} />
                <label htmlFor="verify-note" className="text-sm font-medium text-slate-700">How was it verified? (for the audit log)</label>
                <input id="verify-note" name="note" required maxLength={500} className={inputClass} placeholder="Called the supplier on the number we hold" />
                <button type="submit" className={`${buttonClass} w-fit`}>Mark the account verified</button>
              </ActionForm>
            ) : null}
          </Card>
        ) : null}

        {signal.reviewed ? (
          <Card title="Review"><p className="text-sm text-emerald-800" data-testid="review">Reviewed by {signal.reviewed.by}, {signal.reviewed.at}: <bdi>{signal.reviewed.note}</bdi></p></Card>
        ) : can(viewer.role, "signals:review") ? (
          <Card title="Review">
            <ActionForm action={reviewSignalAction} className="grid max-w-xl gap-2" testId="review-signal">
              <input type="hidden" name="id" value={signal.id} />
              <label htmlFor="review-note" className="text-sm font-medium text-slate-700">What did you find?</label>
              <input id="review-note" name="note" required maxLength={500} className={inputClass} placeholder="Two agreed instalments; supplier confirmed" />
              <button type="submit" className={`${buttonClass} w-fit`}>Mark reviewed</button>
            </ActionForm>
          </Card>
        ) : null}

        {related.length > 0 ? (
          <Card title={`Other payments flagged for the same ${signal.kind === "new-account" ? "account" : "invoice"} (${related.length})`}>
            <SignalList signals={related} testId="related-signals" />
          </Card>
        ) : null}
      </div>
    </>
  );
}
