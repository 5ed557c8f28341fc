// A payment's arithmetic on its page: each rule with what was expected and what the message said,
// in rupees; failures first and marked with a symbol as well as colour.
import { Badge } from "@/components/ui/badge";
import { tableClass, tdClass, thClass } from "@/components/ui/styles";
import { formatInr } from "@/lib/money";
import { hasIntegrityIssue, type IntegrityRule, type PaymentIntegrity } from "@/lib/payments/integrity";

const RULES: Record<IntegrityRule, string> = {
  "invoices-sum": "Invoices add up to the payment",
  "paid-plus-adjustment": "Paid + adjustment = total",
  "splits-sum": "Splits add up to the adjustment",
  currency: "In rupees (INR) throughout",
};

const shown = (v: bigint | string | null) => (v === null ? "—" : typeof v === "bigint" ? formatInr(v) : v);

export function IntegrityChecks({ integrity }: { integrity: PaymentIntegrity }) {
  const failing = hasIntegrityIssue(integrity);
  const rows = [...integrity.checks].sort((a, b) => Number(a.ok) - Number(b.ok));
  return (
    <div data-testid="integrity">
      <p className={`mb-2 text-sm font-medium ${failing ? "text-red-800" : "text-emerald-800"}`} data-testid="integrity-verdict">
        {failing ? "✕ The amounts in this payment do not add up (below)." : "✓ Every amount adds up."}
      </p>
      {integrity.notChecked.map((n) => <p key={n} className="mb-1 text-sm text-amber-800">◷ Not checked: {n}</p>)}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Integrity checks">
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={thClass}>Rule</th>
              <th scope="col" className={thClass}>Where</th>
              <th scope="col" className={`${thClass} text-right`}>Expected</th>
              <th scope="col" className={`${thClass} text-right`}>In the message</th>
              <th scope="col" className={thClass}>Result</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((c, i) => (
              <tr key={i} className={c.ok ? undefined : "bg-red-50"} data-ok={c.ok}>
                <td className={tdClass}>{RULES[c.rule]}</td>
                <td className={tdClass}>{c.scope} · {c.what}</td>
                <td className={`${tdClass} text-right tabular-nums`}>{shown(c.expected)}</td>
                <td className={`${tdClass} text-right tabular-nums`}>{shown(c.actual)}</td>
                <td className={tdClass}>{c.ok ? <Badge tone="green">✓ Adds up</Badge> : <Badge tone="red">✕ Differs</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {integrity.moreFailures > 0 ? <p className="mt-2 text-sm text-red-800">…and {integrity.moreFailures.toLocaleString("en-IN")} more invoices that do not add up.</p> : null}
    </div>
  );
}
