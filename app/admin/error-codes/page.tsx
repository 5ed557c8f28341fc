import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { requireViewer } from "@/lib/auth/viewer";
import { listErrorCodeTable } from "@/lib/payments/error-codes";
import { formatIst } from "@/lib/time";
import { saveErrorCodeAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Error codes" };

export default async function ErrorCodesPage() {
  const viewer = await requireViewer("errorCodes:edit");
  const entries = await listErrorCodeTable(viewer);
  return (
    <>
      <PageTitle
        title="Error codes"
        subtitle="EnKash publishes no list of its B2B error codes. Describe each in the words your team uses: the payments list, the failure filter and supplier pages show your description; a code without one shows the text EnKash sent."
      />
      <div className="grid grid-cols-1 gap-4">
        <Card title="Add a code">
          <ActionForm action={saveErrorCodeAction} className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end" testId="add-error-code">
            <div>
              <label htmlFor="new-code" className="mb-1 block text-xs font-medium text-slate-600">Code</label>
              <input id="new-code" name="code" required maxLength={40} className={`${inputClass} font-mono`} placeholder="E2001" />
            </div>
            <div>
              <label htmlFor="new-description" className="mb-1 block text-xs font-medium text-slate-600">Description</label>
              <input id="new-description" name="description" required maxLength={200} className={inputClass} placeholder="Invoice already paid: check for a duplicate payment" />
            </div>
            <button type="submit" className={buttonClass}>Save</button>
          </ActionForm>
        </Card>
        <Card title={`Codes (${entries.length})`}>
          {entries.length === 0 ? (
            <p className="text-sm text-slate-600">No payment has carried an error code yet, and none is described.</p>
          ) : (
            <ul className="grid grid-cols-1 gap-4" data-testid="error-code-table">
              {entries.map((e) => (
                <li key={e.code} className="border-b border-slate-100 pb-4 last:border-0 last:pb-0" data-code={e.code}>
                  <ActionForm action={saveErrorCodeAction} className="grid gap-2 md:grid-cols-[8rem_1fr_auto] md:items-start">
                    <input type="hidden" name="code" value={e.code} />
                    <p className="font-mono text-sm font-semibold text-slate-900"><bdi>{e.code}</bdi></p>
                    <div className="min-w-0">
                      <label htmlFor={`d-${e.code}`} className="sr-only">Description of {e.code}</label>
                      <input id={`d-${e.code}`} name="description" defaultValue={e.description ?? ""} maxLength={200} className={inputClass} placeholder="Not described: EnKash's text is shown" />
                      <p className="mt-1 text-xs text-slate-600">
                        {e.enkashText !== null ? <>EnKash says: <bdi>“{e.enkashText || "(no text)"}”</bdi></> : "No payment carries this code now."}
                        {e.updatedAt ? ` · described by ${e.updatedBy ?? "an admin"}, ${formatIst(e.updatedAt)}` : ""}
                      </p>
                    </div>
                    <button type="submit" className={secondaryButtonClass}>Save</button>
                  </ActionForm>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
