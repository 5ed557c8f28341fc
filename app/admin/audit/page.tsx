import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { SimpleTable } from "@/components/ui/simple-table";
import { buttonClass, inputClass, secondaryButtonClass, tdClass } from "@/components/ui/styles";
import { listAudit, listAuditActions, parseAuditParams } from "@/lib/auth/audit";
import { requireViewer } from "@/lib/auth/viewer";
import { hrefWithQuery, type RawSearchParams } from "@/lib/url-state";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requireViewer("audit:read");
  const params = parseAuditParams(await searchParams);
  const [{ rows, nextBefore }, actions] = await Promise.all([listAudit(viewer, params), listAuditActions(viewer)]);
  return (
    <>
      <PageTitle title="Audit log" subtitle="Who did what, when, and from where. Entries are only ever added: nobody can change or remove one." />
      <form method="get" action="/admin/audit" aria-label="Filter the audit log" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-5 sm:items-end">
        <div>
          <label htmlFor="a-action" className="mb-1 block text-xs font-medium text-slate-600">Action</label>
          <select id="a-action" name="action" defaultValue={params.action ?? ""} className={inputClass}>
            <option value="">Any</option>
            {actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="a-actor" className="mb-1 block text-xs font-medium text-slate-600">By (email)</label>
          <input id="a-actor" name="actor" type="email" defaultValue={params.actor} className={inputClass} />
        </div>
        <div>
          <label htmlFor="a-from" className="mb-1 block text-xs font-medium text-slate-600">From (IST)</label>
          <input id="a-from" name="from" type="date" defaultValue={params.from} className={inputClass} />
        </div>
        <div>
          <label htmlFor="a-to" className="mb-1 block text-xs font-medium text-slate-600">To (IST)</label>
          <input id="a-to" name="to" type="date" defaultValue={params.to} className={inputClass} />
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass}>Apply</button>
          <Link href="/admin/audit" className={secondaryButtonClass}>Clear</Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="No entries match" />
      ) : (
        <SimpleTable testId="audit-table" columns={[{ label: "When (IST)" }, { label: "Who" }, { label: "Action" }, { label: "About" }, { label: "Details" }, { label: "From" }]}>
          {rows.map((r) => (
            <tr key={r.id} data-action={r.action}>
              <td className={`${tdClass} whitespace-nowrap`}>{r.at}</td>
              <td className={tdClass}>{r.actor ?? <span className="text-slate-500">—</span>}</td>
              <td className={`${tdClass} font-mono text-xs`}>{r.action}</td>
              <td className={`${tdClass} max-w-xs break-all font-mono text-xs`}>{r.target ?? "—"}</td>
              <td className={`${tdClass} max-w-sm break-all font-mono text-xs text-slate-600`}>{r.detail ?? ""}</td>
              <td className={`${tdClass} font-mono text-xs`}>{r.ip ?? "—"}</td>
            </tr>
          ))}
        </SimpleTable>
      )}
      <div className="mt-3 flex gap-2">
        {params.before ? <Link href={hrefWithQuery("/admin/audit", { ...params, before: undefined })} className={secondaryButtonClass}>« Newest</Link> : null}
        {nextBefore ? <Link href={hrefWithQuery("/admin/audit", { ...params, before: nextBefore })} className={secondaryButtonClass} rel="next">Older ›</Link> : null}
      </div>
    </>
  );
}
