import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/admin/action-form";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { linkClass, secondaryButtonClass, tableClass, tdClass, thClass } from "@/components/ui/styles";
import { requireViewer } from "@/lib/auth/viewer";
import { listRejectionGroups, MAX_REPLAY_BATCH, REVIEW_WINDOW } from "@/lib/deliveries/replay";
import { formatIst } from "@/lib/time";
import { replayDeliveriesAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Rejected deliveries" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RejectedPage({ searchParams }: Props) {
  const viewer = await requireViewer("deliveries:replay");
  const raw = (await searchParams).reason;
  const reason = typeof raw === "string" && raw.length <= 200 ? raw : undefined;
  const { groups, scanned, rows } = await listRejectionGroups(viewer, reason);
  return (
    <>
      <PageTitle
        title="Rejected deliveries"
        subtitle="Deliveries EnKash sent with the right secret that were refused (invalid fields, limits, strict mode, a storage failure). Replay them after enabling lenient mode or after a fix: each goes through the same ingest path as a new delivery, and the original stays as it was."
      />
      <div className="grid grid-cols-1 gap-4">
        <Card title="By reason">
          {groups.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="no-rejections">No rejected deliveries can be replayed.</p>
          ) : (
            <ul className="grid gap-1 text-sm" data-testid="rejection-groups">
              {groups.map((g) => (
                <li key={g.reason}>
                  <Link href={`/admin/rejected?reason=${encodeURIComponent(g.reason)}`} className={linkClass}>{g.reason}</Link>
                  <span className="text-slate-600"> — {g.count.toLocaleString("en-IN")}</span>
                </li>
              ))}
            </ul>
          )}
          {scanned >= REVIEW_WINDOW ? <p className="mt-2 text-xs text-slate-500">Grouped from the newest {REVIEW_WINDOW.toLocaleString("en-IN")}; older ones are in the delivery log.</p> : null}
        </Card>
        {rows.length > 0 ? (
          <Card title={reason ? `Reason: ${reason}` : "Newest rejected deliveries"} actions={reason ? <Link href="/admin/rejected" className={linkClass}>All reasons</Link> : null}>
            {/* Keyed by the reason: each reason starts with its own rows selected. */}
            <ActionForm key={reason ?? ""} action={replayDeliveriesAction} testId="replay-selected">
              <div className="overflow-x-auto">
                <table className={tableClass}>
                  <thead>
                    <tr>
                      <th className={thClass}><span className="sr-only">Select</span></th>
                      <th className={thClass}>Delivery</th>
                      <th className={thClass}>Received</th>
                      <th className={thClass}>Answer</th>
                      <th className={thClass}>Payment</th>
                      <th className={thClass}>Reason</th>
                      <th className={thClass}>Replays</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {rows.map((r) => (
                      <tr key={r.id}>
                        <td className={tdClass}>
                          <input type="checkbox" name="id" value={r.id} defaultChecked={Boolean(reason) && r.replays.every((x) => x.httpStatus !== 200)} aria-label={`Select delivery #${r.id}`} />
                        </td>
                        <td className={tdClass}><Link href={`/deliveries/${r.id}`} className={linkClass}>#{r.id}</Link></td>
                        <td className={`${tdClass} whitespace-nowrap`}>{formatIst(r.receivedAt)}</td>
                        <td className={tdClass}>{r.httpStatus}</td>
                        <td className={`${tdClass} font-mono text-xs`}><bdi>{r.objectId ?? "—"}</bdi></td>
                        <td className={tdClass}><bdi>{r.reason}</bdi></td>
                        <td className={tdClass}>
                          {r.replays.map((x) => (
                            <Link key={x.id} href={`/deliveries/${x.id}`} className={`${linkClass} mr-2`}>#{x.id} {x.outcome}</Link>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <button type="submit" className={`${secondaryButtonClass} mt-3`}>Replay selected</button>
              <p className="mt-1 text-xs text-slate-600">At most {MAX_REPLAY_BATCH} at a time. A delivery whose replay was stored is not replayed again. Every replay is audited.</p>
            </ActionForm>
          </Card>
        ) : null}
      </div>
    </>
  );
}
