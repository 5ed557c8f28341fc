import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageTitle } from "@/components/ui/page-title";
import { SimpleTable } from "@/components/ui/simple-table";
import { buttonClass, inputClass, linkClass, tdClass } from "@/components/ui/styles";
import { requireViewer } from "@/lib/auth/viewer";
import { lookupUtrs, MAX_BULK_UTRS, splitUtrList } from "@/lib/payments/find-by-utr";
import type { RawSearchParams } from "@/lib/url-state";
import { partyHref } from "@/lib/parties/links";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Bulk UTR lookup" };

const STATUS = {
  found: <Badge tone="green">✓ Found</Badge>,
  failed: <Badge tone="red">✕ Failed</Badge>,
  rejected: <Badge tone="amber">⚠ Rejected only</Badge>,
  "not-found": <Badge tone="slate">Not found</Badge>,
} as const;

export default async function LookupPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requireViewer("utr:search");
  const raw = (await searchParams).utrs;
  const text = typeof raw === "string" ? raw : "";
  const { utrs: inputs, merged } = splitUtrList(text);
  const rows = inputs.length > 0 ? await lookupUtrs(viewer, inputs) : [];
  const counts = { found: 0, failed: 0, rejected: 0, "not-found": 0 };
  for (const r of rows) counts[r.status]++;
  return (
    <>
      <PageTitle title="Bulk UTR lookup" subtitle={`Paste UTRs from a bank statement or an email, separated by new lines, spaces, tabs or commas (up to ${MAX_BULK_UTRS}).`} />
      <form method="get" action="/payments/lookup" className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <label htmlFor="utrs" className="mb-1 block text-sm font-medium text-slate-700">UTRs</label>
        <textarea id="utrs" name="utrs" rows={6} defaultValue={text} className={`${inputClass} font-mono`} placeholder={"HDFCN52025071463819274\n519616204815, 519709318462"} />
        <button type="submit" className={`${buttonClass} mt-3`}>Look up</button>
      </form>
      {inputs.length > MAX_BULK_UTRS ? <p className="mb-2 text-sm text-amber-800">Only the first {MAX_BULK_UTRS} of {inputs.length} UTRs were looked up.</p> : null}
      {rows.length > 0 ? (
        <>
          <p className="mb-2 text-sm text-slate-700" data-testid="lookup-counts">
            {counts.found} found · {counts.failed} failed · {counts.rejected ? `${counts.rejected} only on rejected deliveries · ` : ""}{counts["not-found"]} not found
            {merged > 0 ? ` · ${merged} repeated ${merged === 1 ? "UTR" : "UTRs"} merged` : ""}
          </p>
          <SimpleTable testId="lookup-results" columns={[{ label: "UTR" }, { label: "Status" }, { label: "Payment" }]}>
            {rows.map((r) => (
              <tr key={r.input} data-status={r.status} className={r.status === "failed" ? "bg-red-50/60" : undefined}>
                <td className={`${tdClass} font-mono`}><bdi>{r.input}</bdi></td>
                <td className={tdClass} data-testid="lookup-status">{STATUS[r.status]}</td>
                <td className={tdClass}>
                  {r.rejectedDelivery ? (
                    <span className="text-sm">
                      Seen only on a delivery that was refused, so no payment was stored:{" "}
                      <Link href={`/deliveries/${r.rejectedDelivery.id}`} className={linkClass}>delivery #{r.rejectedDelivery.id}</Link>
                      {r.rejectedDelivery.reason ? <bdi className="block text-xs text-slate-600">{r.rejectedDelivery.reason}</bdi> : null}
                    </span>
                  ) : r.payments.length === 0 ? (
                    <Link href={`/payments?utr=${encodeURIComponent(r.input)}`} className={linkClass}>Search partial matches</Link>
                  ) : (
                    <ul>
                      {r.payments.map((p) => (
                        <li key={p.objectId}>
                          <Link href={`/payments/${encodeURIComponent(p.objectId)}`} className={linkClass}>{p.amount}</Link>{" "}
                          <span className="text-slate-600">to</span>{" "}
                          <Link href={partyHref("supplier", p.supplierId)} className={linkClass}><bdi>{p.supplierName ?? p.supplierId}</bdi></Link>{" "}
                          <span className="text-slate-600">{p.time}</span> <span className="text-xs text-slate-600">{p.statusLabel}</span>
                          {p.failure ? <bdi className="block text-xs text-red-800">{p.failure}</bdi> : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </SimpleTable>
        </>
      ) : null}
    </>
  );
}
