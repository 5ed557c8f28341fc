import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/admin/action-form";
import { BriefPaymentsTable, PaymentLink } from "@/components/payments/payment-link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, linkClass, secondaryButtonClass, tableClass, tdClass, thClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { getStatementResults, SECTION_ROWS, SECTION_TITLES, SECTIONS, type LineView, type Section } from "@/lib/statements/results";
import { DATE_WINDOW_DAYS } from "@/lib/statements/match";
import { formatDay } from "@/lib/time";
import { decideSuggestionAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Statement matching" };

const fmt = new Intl.NumberFormat("en-IN");

export default async function StatementPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer("statements:read");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id < 1) notFound();
  const results = await getStatementResults(viewer, id);
  if (!results) notFound();
  const { statement, counts, lists, paymentOnly, uploads } = results;
  const canDecide = can(viewer.role, "statements:manage");
  const more = (section: Section, shown: number) => (counts[section] > shown ? <p className="mt-2 text-xs text-slate-600">The first {fmt.format(SECTION_ROWS)} are listed; the export has all {fmt.format(counts[section])}.</p> : null);
  return (
    <>
      <PageTitle
        title={<><bdi>{statement.account}</bdi> · {formatDay(statement.fromDay)} – {formatDay(statement.toDay)}</>}
        subtitle={<>Every debit on this account&apos;s statements for these days ({uploads.length === 1 ? "one upload" : `${uploads.length} uploads`}), matched to payments by UTR and exact net amount within {DATE_WINDOW_DAYS} days, else suggested by amount and date.</>}
        actions={<a href={`/statements/${id}/export.csv`} className={secondaryButtonClass} data-testid="statement-export" download>Export the results (CSV)</a>}
      />
      <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="statement-counts">
        {SECTIONS.map((s) => (
          <div key={s} className={`rounded-lg border p-3 ${s === "failed-debited" && counts[s] > 0 ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}>
            <dt className="text-xs font-medium text-slate-600">{SECTION_TITLES[s]}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid={`count-${s}`}>{fmt.format(counts[s])}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4">
        {counts["failed-debited"] > 0 ? (
          <Card title={`${SECTION_TITLES["failed-debited"]} (${fmt.format(counts["failed-debited"])})`} className="border-red-300">
            <p className="mb-2 text-sm font-medium text-red-800">EnKash reported these payments as failed, yet the bank shows the money left the account. Raise each with EnKash and the bank first.</p>
            <Lines lines={lists["failed-debited"]} testId="lines-failed-debited" />
            {more("failed-debited", lists["failed-debited"].length)}
          </Card>
        ) : null}
        <Card title={`${SECTION_TITLES.suggested} (${fmt.format(counts.suggested)})`}>
          <p className="mb-2 text-sm text-slate-600">No UTR on the line named a payment, but one payment has exactly this net amount within {DATE_WINDOW_DAYS} days. Accept it if it is the same payment.</p>
          <Lines lines={lists.suggested} testId="lines-suggested" decide={canDecide} />
          {more("suggested", lists.suggested.length)}
        </Card>
        <Card title={`${SECTION_TITLES.unmatched} (${fmt.format(counts.unmatched)})`}>
          <Lines lines={lists.unmatched} testId="lines-unmatched" />
          {more("unmatched", lists.unmatched.length)}
        </Card>
        <Card title={`${SECTION_TITLES["payment-only"]} (${fmt.format(counts["payment-only"])})`}>
          <p className="mb-2 text-sm text-slate-600">Settled payments of these days that no statement line is matched to (from any account: a payment made from another account shows here too).</p>
          <BriefPaymentsTable payments={paymentOnly} amountLabel="Net paid" testId="payments-without-line" />
          {more("payment-only", paymentOnly.length)}
        </Card>
        <Card title={`${SECTION_TITLES.matched} (${fmt.format(counts.matched)})`}>
          <Lines lines={lists.matched} testId="lines-matched" />
          {more("matched", lists.matched.length)}
        </Card>
        <Card title="Uploads of these days">
          <ul className="text-sm text-slate-700" data-testid="statement-uploads">
            {uploads.map((u) => (
              <li key={u.id}><Link href={`/statements/${u.id}`} className={linkClass}><bdi>{u.fileName}</bdi></Link> · {u.uploaded} by {u.uploadedBy} · {fmt.format(u.newLines)} new of {fmt.format(u.debitLines)} debits</li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}

function Lines({ lines, testId, decide = false }: { lines: LineView[]; testId: string; decide?: boolean }) {
  if (lines.length === 0) return <p className="text-sm text-slate-600" data-testid={testId}>None.</p>;
  return (
    <div className="overflow-x-auto">
      <table className={tableClass} data-testid={testId}>
        <thead>
          <tr>
            <th className={thClass}>Day</th><th className={`${thClass} text-right`}>Debit</th><th className={thClass}>Narration / reference</th><th className={thClass}>Payment</th>
            {decide ? <th className={thClass}><span className="sr-only">Decision</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => (
            <tr key={l.id} data-testid="statement-line">
              <td className={`${tdClass} whitespace-nowrap`}>{formatDay(l.day)}</td>
              <td className={`${tdClass} text-right tabular-nums`}>{l.amount}</td>
              <td className={`${tdClass} max-w-md break-words text-xs`}>
                <bdi>{l.narration}</bdi>{l.reference ? <span className="block text-slate-600"><bdi>{l.reference}</bdi></span> : null}
                {l.note ? <span className="mt-1 block text-amber-900"><bdi>{l.note}</bdi></span> : null}
              </td>
              <td className={tdClass}>
                {l.payment ? (
                  <>
                    <PaymentLink objectId={l.payment.objectId} />
                    <span className="block text-xs text-slate-600"><bdi>{l.payment.supplier}</bdi> · {l.payment.amount} · {l.payment.at}</span>
                    <span className="block text-xs">
                      {l.payment.status === "failure" ? <Badge tone="red">Failed{l.payment.errorCd ? ` · ${l.payment.errorCd}` : ""}</Badge> : null}
                      {l.matchedBy === "utr" ? <Badge tone="green">UTR and amount</Badge> : l.matchedBy === "accepted" ? <Badge tone="blue">Accepted{l.decided ? ` by ${l.decided}` : ""}</Badge> : null}
                    </span>
                  </>
                ) : <span className="text-slate-600">—</span>}
              </td>
              {decide ? (
                <td className={tdClass}>
                  <div className="flex gap-2">
                    <ActionForm action={decideSuggestionAction} testId="accept-suggestion">
                      <input type="hidden" name="lineId" value={l.id} /><input type="hidden" name="decision" value="accept" />
                      <button type="submit" className={buttonClass}>Accept</button>
                    </ActionForm>
                    <ActionForm action={decideSuggestionAction} testId="reject-suggestion">
                      <input type="hidden" name="lineId" value={l.id} /><input type="hidden" name="decision" value="reject" />
                      <button type="submit" className={secondaryButtonClass}>Reject</button>
                    </ActionForm>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
