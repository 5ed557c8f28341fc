// A payment's objectId, linking to its page: how every list of payments outside the payments
// table names one.
import Link from "next/link";
import { linkClass, tableClass, tdClass, thClass } from "@/components/ui/styles";

export const paymentHref = (objectId: string) => `/payments/${encodeURIComponent(objectId)}`;

export function PaymentLink({ objectId }: { objectId: string }) {
  return <Link href={paymentHref(objectId)} className={`${linkClass} font-mono text-xs`}><bdi>{objectId}</bdi></Link>;
}

export interface BriefPayment {
  objectId: string;
  supplier: string;
  /** Its time in IST, formatted. */
  at: string;
  utr: string;
  amount: string;
  remarks?: string;
}

/** Payments in a short table: the payment, supplier, time, UTR and an amount (and remarks, when asked). */
export function BriefPaymentsTable({ payments, amountLabel, testId, remarks }: { payments: BriefPayment[]; amountLabel: string; testId: string; remarks?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass} data-testid={testId}>
        <thead>
          <tr>
            <th className={thClass}>Payment</th><th className={thClass}>Supplier</th><th className={thClass}>Time (IST)</th><th className={thClass}>UTR</th><th className={`${thClass} text-right`}>{amountLabel}</th>
            {remarks ? <th className={thClass}>{remarks}</th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {payments.map((p) => (
            <tr key={p.objectId}>
              <td className={tdClass}><PaymentLink objectId={p.objectId} /></td>
              <td className={tdClass}><bdi>{p.supplier}</bdi></td>
              <td className={`${tdClass} whitespace-nowrap`}>{p.at}</td>
              <td className={`${tdClass} font-mono text-xs`}><bdi>{p.utr}</bdi></td>
              <td className={`${tdClass} text-right tabular-nums`}>{p.amount}</td>
              {remarks ? <td className={tdClass}><bdi>{p.remarks || "—"}</bdi></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
