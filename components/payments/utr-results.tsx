import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { SimpleTable } from "@/components/ui/simple-table";
import { linkClass, tdClass } from "@/components/ui/styles";
import type { PaymentRow } from "@/lib/payments/payment-row";
import { formatIst } from "@/lib/time";
import { ResultBadge } from "./result-badge";

export function UtrCandidates({ query, rows, exact, truncated }: { query: string; rows: PaymentRow[]; exact: boolean; truncated: boolean }) {
  return (
    <div>
      <p className="mb-3 text-sm text-slate-700">
        {exact ? `${rows.length} payments share the UTR` : `${rows.length}${truncated ? "+" : ""} payments have a UTR containing`}{" "}
        <strong className="font-mono">{query}</strong>. Pick one:
      </p>
      <SimpleTable testId="utr-candidates" columns={[{ label: "UTR" }, { label: "Result" }, { label: "Amount", numeric: true }, { label: "Time (IST)" }, { label: "Supplier" }]}>
        {rows.map((r) => (
          <tr key={r.objectId} data-status={r.status} className={r.status === "failure" ? "bg-red-50/60" : undefined}>
            <td className={tdClass}>
              <Link href={`/payments/${encodeURIComponent(r.objectId)}`} className={`${linkClass} font-mono`}>{r.utr}</Link>
            </td>
            <td className={tdClass}>
              <ResultBadge status={r.status} label={r.statusLabel} errorCd={r.errorCd} title={r.failure ?? undefined} />
              {r.reason ? <bdi className="mt-1 block max-w-64 text-xs text-red-800">{r.reason}</bdi> : null}
            </td>
            <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>{r.amount}</td>
            <td className={tdClass}>{r.time}</td>
            <td className={tdClass}><bdi>{r.supplierName ?? r.supplierId}</bdi></td>
          </tr>
        ))}
      </SimpleTable>
    </div>
  );
}

export function UtrNotFound({ query, deliveries }: { query: string; deliveries: { id: number; outcome: string; receivedAt: Date; reason: string | null }[] }) {
  return (
    <EmptyState title={`No payment found with UTR “${query}”`}>
      {deliveries.length > 0 ? (
        <div className="text-left">
          <p>No payment was stored for it, but these deliveries carried this UTR:</p>
          <ul className="mt-2 list-disc pl-5">
            {deliveries.map((d) => (
              <li key={d.id}>
                <Link href={`/deliveries/${d.id}`} className={linkClass}>Delivery #{d.id}</Link> — {d.outcome} at {formatIst(d.receivedAt)}
                {d.reason ? <>: <bdi>{d.reason}</bdi></> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>
          Check the number with the bank or the supplier. If EnKash says it sent the payment, look in the{" "}
          <Link href="/deliveries?outcome=rejected" className={linkClass}>delivery log</Link> for rejected deliveries around that time.
        </p>
      )}
    </EmptyState>
  );
}
