// The list's saved views: a menu of the viewer's own and the team's shared views, and a form that
// saves the current filters under a name.
import Link from "next/link";
import { deleteViewAction, saveViewAction } from "@/app/payments/actions";
import { ActionForm } from "@/components/admin/action-form";
import { buttonClass, inputClass, linkClass } from "@/components/ui/styles";
import type { SavedViewEntry } from "@/lib/payments/saved-views";

export function SavedViews({ views, query }: { views: SavedViewEntry[]; query: string }) {
  const groups = [
    { title: "My views", items: views.filter((v) => v.mine) },
    { title: "Shared with the team", items: views.filter((v) => !v.mine) },
  ];
  return (
    <details className="relative text-sm" data-testid="saved-views">
      <summary className="cursor-pointer font-medium text-brand-700">Saved views ({views.length})</summary>
      <div className="mt-2 w-[min(26rem,calc(100vw-2rem))] space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-lg sm:absolute sm:right-0 sm:z-10">
        {groups.map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{g.title}</h2>
            {g.items.length === 0 ? (
              <p className="text-slate-600">None yet.</p>
            ) : (
              <ul className="mt-1 space-y-1">
                {g.items.map((v) => (
                  <li key={v.id} className="flex items-center justify-between gap-2">
                    <Link href={v.href} className={`${linkClass} min-w-0 break-words`}><bdi>{v.name}</bdi></Link>
                    <span className="flex shrink-0 items-center gap-2 text-xs text-slate-600">
                      {v.mine ? (v.shared ? "shared" : "only you") : <bdi>{v.ownerName}</bdi>}
                      {v.deletable ? (
                        <ActionForm action={deleteViewAction}>
                          <input type="hidden" name="id" value={v.id} />
                          <button type="submit" className="text-red-700 underline" aria-label={`Delete the view ${v.name}`}>Delete</button>
                        </ActionForm>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
        <ActionForm action={saveViewAction} className="space-y-2 border-t border-slate-200 pt-3" testId="save-view">
          <input type="hidden" name="query" value={query} />
          <label className="block text-xs font-medium text-slate-600">
            Save these filters as
            <input name="name" required maxLength={60} placeholder="e.g. NEFT failures this FY" className={`${inputClass} mt-0.5`} />
          </label>
          <label className="flex items-center gap-2 text-slate-700">
            <input type="checkbox" name="shared" /> Share with the team
          </label>
          <button type="submit" className={buttonClass}>Save view</button>
        </ActionForm>
      </div>
    </details>
  );
}
