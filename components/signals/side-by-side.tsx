// Two messages about one payment, side by side, with what differs marked.
import Link from "next/link";
import { linkClass, tableClass, tdClass, thClass } from "@/components/ui/styles";
import { formatInr } from "@/lib/money";
import type { MessageSide } from "@/lib/signals/contradictions";
import { formatIst } from "@/lib/time";

type Side = MessageSide & { invoiceCount: number };

const rupees = (paise: string) => (/^-?\d+$/.test(paise) ? formatInr(BigInt(paise)) : paise);

export function SideBySide({ earlier, later, deliveries }: { earlier: Side; later: Side; deliveries: Record<number, number | null> }) {
  const rows: [string, (s: Side) => string][] = [
    ["Result", (s) => `${s.status} (${s.result || "empty"})${s.errorCd ? ` · ${s.errorCd}` : ""}`],
    ["Amount", (s) => rupees(s.totalPaise)],
    ["UTR", (s) => s.utr || "(empty)"],
    ["Supplier", (s) => s.supplierB2BId],
    ["Time (IST)", (s) => formatIst(new Date(s.at))],
    ["Invoices", (s) => `${s.invoiceCount.toLocaleString("en-IN")}: ${s.invoices.join(", ")}${s.invoiceCount > s.invoices.length ? ", …" : ""}`],
  ];
  const link = (s: Side) => {
    const id = s.messageId === null ? null : deliveries[s.messageId];
    return id ? <Link href={`/deliveries/${id}`} className={linkClass}>delivery #{id}</Link> : <span className="text-slate-600">no delivery kept</span>;
  };
  return (
    <div className="overflow-x-auto">
      <table className={tableClass} data-testid="side-by-side">
        <thead>
          <tr>
            <th className={thClass}><span className="sr-only">Field</span></th>
            <th className={thClass}>Earlier message ({link(earlier)})</th>
            <th className={thClass}>Later message ({link(later)})</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(([label, value]) => {
            const differs = value(earlier) !== value(later) && label !== "Time (IST)";
            return (
              <tr key={label} className={differs ? "bg-red-50" : undefined} data-differs={differs ? "yes" : undefined}>
                <th scope="row" className={`${tdClass} font-medium`}>{label}{differs ? <span className="ml-1 text-red-700">≠</span> : null}</th>
                <td className={`${tdClass} break-words`}><bdi>{value(earlier)}</bdi></td>
                <td className={`${tdClass} break-words`}><bdi>{value(later)}</bdi></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
