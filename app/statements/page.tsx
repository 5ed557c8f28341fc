import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, linkClass, tableClass, tdClass, thClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { listStatements } from "@/lib/statements/results";
import { formatDay } from "@/lib/time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Bank statements" };

const fmt = new Intl.NumberFormat("en-IN");

export default async function StatementsPage() {
  const viewer = await requireViewer("statements:read");
  const statements = await listStatements(viewer);
  return (
    <>
      <PageTitle
        title="Bank statements"
        subtitle="Proof that each payment left the bank exactly once: statements matched to payments, and what does not match."
        actions={can(viewer.role, "statements:manage") ? <Link href="/statements/new" className={buttonClass} data-testid="upload-statement">Upload a statement</Link> : null}
      />
      {statements.length === 0 ? (
        <EmptyState title="No statement uploaded yet">Upload a CSV or Excel statement exported from the bank&apos;s net banking.</EmptyState>
      ) : (
        <Card title="Uploaded (newest first)">
          <div className="overflow-x-auto">
            <table className={tableClass} data-testid="statements">
              <thead><tr><th className={thClass}>Account</th><th className={thClass}>Bank</th><th className={thClass}>Days</th><th className={`${thClass} text-right`}>Debits</th><th className={`${thClass} text-right`}>New</th><th className={thClass}>Uploaded</th><th className={thClass}>File</th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {statements.map((s) => (
                  <tr key={s.id}>
                    <td className={tdClass}><Link href={`/statements/${s.id}`} className={linkClass}><bdi>{s.account}</bdi></Link></td>
                    <td className={tdClass}><bdi>{s.bank}</bdi></td>
                    <td className={`${tdClass} whitespace-nowrap`}>{formatDay(s.fromDay)} – {formatDay(s.toDay)}</td>
                    <td className={`${tdClass} text-right tabular-nums`}>{fmt.format(s.debitLines)}</td>
                    <td className={`${tdClass} text-right tabular-nums`}>{fmt.format(s.newLines)}</td>
                    <td className={`${tdClass} whitespace-nowrap`}>{s.uploaded}<span className="block text-xs text-slate-600">{s.uploadedBy}</span></td>
                    <td className={`${tdClass} break-all text-xs`}><bdi>{s.fileName}</bdi></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}
