// A supplier's or buyer's page: the period's totals (each linking to its list), failures with their
// reasons, the invoices paid, the bank accounts seen, and the newest payments.
import Link from "next/link";
import { PaymentsTable } from "@/components/payments/payments-table";
import { SummaryStrip } from "@/components/payments/summary-strip";
import { SignalList } from "@/components/signals/signal-list";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PeriodLinks } from "@/components/ui/period-links";
import { EmptyState } from "@/components/ui/empty-state";
import { SimpleTable } from "@/components/ui/simple-table";
import { inputClass, buttonClass, linkClass, tdClass } from "@/components/ui/styles";
import { partyHref } from "@/lib/parties/links";
import { PAGE_PAYMENTS, type PartyPage } from "@/lib/parties/party-page";
import { listHref, sortLinks, type FilterErrors } from "@/lib/payments/list-params";
import { SIGNALS_PER_PAGE } from "@/lib/signals/read";

export function PartyPeriodForm({ page, errors, raw }: { page: PartyPage; errors: FilterErrors; raw: { from?: string; to?: string } }) {
  const href = partyHref(page.kind, page.b2bId);
  const { from, to } = page.listParams;
  return (
    <form method="get" action={href} aria-label="Period" className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-end gap-3">
        {(["from", "to"] as const).map((field) => (
          <div key={field} className="min-w-0">
            <label htmlFor={`p-${field}`} className="mb-1 block text-xs font-medium text-slate-600">{field === "from" ? "From (IST)" : "To (IST)"}</label>
            <input id={`p-${field}`} type="date" name={field} defaultValue={errors[field] ? raw[field] : page.listParams[field]} className={inputClass}
              {...(errors[field] ? { "aria-invalid": true, "aria-describedby": `p-${field}-error` } : {})} />
            {errors[field] ? <p id={`p-${field}-error`} role="alert" className="mt-1 text-xs font-medium text-red-700">{field === "from" ? "From" : "To"} {errors[field]}.</p> : null}
          </div>
        ))}
        <button type="submit" className={buttonClass}>Show</button>
      </div>
      <PeriodLinks label="Periods" selected={{ from, to }} allTime hrefFor={(r) => (r ? `${href}?from=${r.from}&to=${r.to}` : href)} />
    </form>
  );
}

export function PartyView({ page }: { page: PartyPage }) {
  const { list, listParams } = page;
  return (
    <div className="grid grid-cols-1 gap-4">
      <SummaryStrip params={listParams} page={list} />
      <Card title={`Failures (${page.failures.reduce((n, f) => n + f.count, 0).toLocaleString("en-IN")})`}>
        {page.failures.length === 0 ? (
          <p className="text-sm text-slate-600">No failed payments in this period.</p>
        ) : (
          <SimpleTable framed={false} testId="party-failures" columns={[{ label: "Error" }, { label: "Reason" }, { label: "Payments", numeric: true }, { label: "Amount", numeric: true }]}>
            {page.failures.map((f) => (
              <tr key={f.errorCd}>
                <td className={tdClass}><Badge tone="red"><span aria-hidden>✕</span> {f.errorCd || "(no code)"}</Badge></td>
                <td className={tdClass}><bdi>{f.reason ?? "—"}</bdi></td>
                <td className={`${tdClass} text-right tabular-nums`}>
                  <Link href={listHref(listParams, { result: "failure", errorCd: f.errorCd || undefined, page: 1 })} className={linkClass}>{f.count.toLocaleString("en-IN")}</Link>
                </td>
                <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>{f.amount}</td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </Card>
      {page.signals.length > 0 ? (
        <section role="alert" data-testid="supplier-signals" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">Signals on this supplier&apos;s payments ({page.signals.length.toLocaleString("en-IN")}{page.signals.length >= SIGNALS_PER_PAGE ? "+" : ""})</p>
          <SignalList signals={page.signals} />
        </section>
      ) : null}
      {page.kind === "supplier" ? (
        <Card title={`Bank accounts seen (${page.accounts.length})`}>
          {page.accounts.length === 0 ? (
            <p className="text-sm text-slate-600">No bank details in this supplier&apos;s payments.</p>
          ) : (
            <SimpleTable framed={false} testId="party-accounts" columns={[{ label: "Account" }, { label: "IFSC / VPA" }, { label: "Beneficiary" }, { label: "Check" }, { label: "First seen (IST)" }, { label: "Last seen (IST)" }]}>
              {page.accounts.map((a, i) => (
                <tr key={i}>
                  <td className={`${tdClass} font-mono`}><bdi>{a.maskedAccountNumber || "—"}</bdi></td>
                  <td className={`${tdClass} font-mono`}><bdi>{[a.ifsc, a.businessVPA].filter(Boolean).join(" · ") || "—"}</bdi></td>
                  <td className={tdClass}><bdi>{a.beneficiaryName ?? "—"}</bdi></td>
                  <td className={tdClass} data-testid="account-check">
                    {a.check.state === "new" ? (
                      a.signalId ? <Link href={`/signals/${a.signalId}`}><Badge tone="red">New, not verified</Badge></Link> : <Badge tone="red">New, not verified</Badge>
                    ) : a.check.state === "verified" ? (
                      <Badge tone="green" title={`Verified by ${a.check.by}, ${a.check.at}`}>Verified</Badge>
                    ) : (
                      <span className="text-slate-600">Known</span>
                    )}
                    <span className="block text-xs text-slate-600">by {a.comparedBy}</span>
                  </td>
                  <td className={`${tdClass} whitespace-nowrap tabular-nums`}>{a.firstSeen}</td>
                  <td className={`${tdClass} whitespace-nowrap tabular-nums`}>{a.lastSeen}</td>
                </tr>
              ))}
            </SimpleTable>
          )}
          {page.accounts.length > 1 ? <p className="mt-2 text-xs text-amber-900">This supplier has been paid into more than one account: check that each was expected.</p> : null}
        </Card>
      ) : null}
      <Card title="Invoices paid (newest settled payments)">
        {page.invoices.length === 0 ? (
          <p className="text-sm text-slate-600">No settled payments in this period.</p>
        ) : (
          <SimpleTable framed={false} testId="party-invoices" columns={[{ label: "Invoice" }, { label: "Paid", numeric: true }, { label: page.kind === "supplier" ? "Buyer" : "Supplier" }, { label: "Payment" }]}>
            {page.invoices.map((i, n) => (
              <tr key={`${i.paymentObjectId}-${n}`}>
                <td className={`${tdClass} font-mono`}><bdi>{i.number ?? i.invoiceObjectId ?? "—"}</bdi></td>
                <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>{i.paid}</td>
                <td className={tdClass}>
                  <Link href={partyHref(page.kind === "supplier" ? "buyer" : "supplier", i.counterpartId)} className={linkClass}><bdi>{i.counterpart}</bdi></Link>
                </td>
                <td className={tdClass}>
                  <Link href={`/payments/${encodeURIComponent(i.paymentObjectId)}`} className={`${linkClass} font-mono`}><bdi>{i.utr || "(no UTR)"}</bdi></Link>
                  <span className="block text-xs tabular-nums text-slate-600">{i.time}</span>
                </td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </Card>
      <section aria-labelledby="party-payments">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="party-payments" className="text-sm font-semibold text-slate-900">Newest {Math.min(PAGE_PAYMENTS, list.total)} payments</h2>
          <Link href={listHref(listParams, { size: 50 })} className={linkClass}>All {list.total.toLocaleString("en-IN")} in the payments list, with filters</Link>
        </div>
        {list.rows.length === 0 ? <EmptyState title="No payments in this period" /> : <PaymentsTable rows={list.rows.slice(0, PAGE_PAYMENTS)} sort={listParams.sort} dir={listParams.dir} sortLinks={sortLinks(listParams)} />}
      </section>
    </div>
  );
}
