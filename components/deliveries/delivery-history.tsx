import Link from "next/link";
import { linkClass } from "@/components/ui/styles";
import type { HistoryEntry } from "@/lib/payments/get-payment";
import { hrefWithQuery } from "@/lib/url-state";
import { OutcomeBadge } from "./outcome-badge";
import { RawBody } from "./raw-body";

export function DeliveryHistory({ objectId, deliveries, total, showsRaw }: { objectId: string; deliveries: HistoryEntry[]; total: number; showsRaw: boolean }) {
  return (
    <>
      <p className="mb-3 text-sm text-slate-600">
        {total > deliveries.length ? `Showing the newest ${deliveries.length.toLocaleString("en-IN")} of ${total.toLocaleString("en-IN")}. ` : null}
        <Link href={hrefWithQuery("/deliveries", { objectId })} className={linkClass}>Every delivery that named this payment</Link>, rejected ones included, is in the delivery log.
      </p>
      <ol className="space-y-3" data-testid="delivery-history">
        {deliveries.map((d) => (
          <li key={d.id} className="rounded border border-slate-200 p-3">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <OutcomeBadge outcome={d.outcome} />
              <span className="tabular-nums">{d.received}</span>
              <span className="text-slate-500">HTTP {d.httpStatus}</span>
              <span className="font-mono text-xs text-slate-500">reqMsgId <bdi>{d.reqMsgId ?? "—"}</bdi></span>
              <Link href={`/deliveries/${d.id}`} className={`${linkClass} ml-auto text-xs`}>Delivery #{d.id}</Link>
            </div>
            {d.reason ? <p className="mt-1 text-sm text-slate-700"><bdi>{d.reason}</bdi></p> : null}
            {"body" in d ? (
              <RawBody body={d.body} label={`Raw JSON as received (${d.bodyBytes.toLocaleString("en-IN")} bytes, account numbers masked)`} />
            ) : showsRaw ? (
              <p className="mt-1 text-xs text-slate-500">Raw body ({d.bodyBytes.toLocaleString("en-IN")} bytes) on the delivery&apos;s own page.</p>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}
