import Link from "next/link";
import { linkClass } from "@/components/ui/styles";
import type { DeliveryRow } from "@/lib/deliveries/delivery-row";
import { OutcomeBadge } from "./outcome-badge";
import { RawBody } from "./raw-body";

export function DeliveryHistory({ deliveries }: { deliveries: DeliveryRow[] }) {
  return (
    <ol className="space-y-3" data-testid="delivery-history">
      {deliveries.map((d) => (
        <li key={d.id} className="rounded border border-slate-200 p-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <OutcomeBadge outcome={d.outcome} />
            <span className="tabular-nums">{d.received}</span>
            <span className="text-slate-500">HTTP {d.httpStatus}</span>
            <span className="font-mono text-xs text-slate-500">reqMsgId {d.reqMsgId ?? "—"}</span>
            <Link href={`/deliveries/${d.id}`} className={`${linkClass} ml-auto text-xs`}>Delivery #{d.id}</Link>
          </div>
          {d.reason ? <p className="mt-1 text-sm text-slate-700">{d.reason}</p> : null}
          <RawBody body={d.body} label={`Raw JSON as received (${d.bodyBytes.toLocaleString("en-IN")} bytes, account numbers masked)`} />
        </li>
      ))}
    </ol>
  );
}
