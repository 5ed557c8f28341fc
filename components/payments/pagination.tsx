import Link from "next/link";
import { secondaryButtonClass } from "@/components/ui/styles";
import { listHref, PAGE_SIZES, type ListParams } from "@/lib/payments/list-params";

const fmt = new Intl.NumberFormat("en-IN");

interface Props {
  params: ListParams;
  page: number;
  pageCount: number;
  total: number;
  /** The page's last and first rows: Next and Previous read from them, at any depth. */
  cursors: { next: string | null; prev: string | null };
}

export function Pagination({ params, page, pageCount, total, cursors }: Props) {
  const first = total === 0 ? 0 : (page - 1) * params.size + 1;
  const last = Math.min(total, page * params.size);
  // Page 1 is its own URL; other neighbours carry the cursor of the row they continue from.
  const neighbour = (target: number): Partial<ListParams> =>
    target <= 1 ? { page: 1 } : target > page ? { page: target, after: cursors.next ?? undefined, before: undefined } : { page: target, before: cursors.prev ?? undefined, after: undefined };
  const link = (target: number, label: string, rel?: "prev" | "next") =>
    target < 1 || target > pageCount || target === page ? (
      <span aria-disabled className={`${secondaryButtonClass} pointer-events-none opacity-40`}>{label}</span>
    ) : (
      <Link href={listHref(params, rel ? neighbour(target) : { page: target })} rel={rel} className={secondaryButtonClass}>
        {label}
      </Link>
    );
  return (
    <nav aria-label="Pagination" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
      <p>
        Showing <strong>{fmt.format(first)}–{fmt.format(last)}</strong> of <strong>{fmt.format(total)}</strong> · page {fmt.format(page)} of {fmt.format(pageCount)}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {link(1, "« First")}
        {link(page - 1, "‹ Previous", "prev")}
        {link(page + 1, "Next ›", "next")}
        {link(pageCount, "Last »")}
        {pageCount > 1 ? (
          // Jump to a page: a plain GET form carrying the rest of the view (the list redirects to
          // the canonical URL, and to the last page when the number is past it).
          <form method="get" action="/payments" className="flex items-center gap-1" aria-label="Jump to a page">
            {Object.entries(params).map(([key, value]) =>
              key === "page" || key === "after" || key === "before" || value === undefined ? null : <input key={key} type="hidden" name={key} value={String(value)} />,
            )}
            <label htmlFor="jump-page" className="text-slate-500">Page</label>
            <input id="jump-page" name="page" type="number" min={1} max={pageCount} defaultValue={page} className="w-20 rounded-md border border-slate-300 px-2 py-1 text-sm" />
            <button type="submit" className={secondaryButtonClass}>Go</button>
          </form>
        ) : null}
        <span className="ml-2 text-slate-500">Rows:</span>
        {PAGE_SIZES.map((size) =>
          size === params.size ? (
            <span key={size} aria-current="true" className="rounded bg-slate-200 px-2 py-1 font-medium">{size}</span>
          ) : (
            <Link key={size} href={listHref(params, { size, page: 1 })} className="rounded px-2 py-1 hover:bg-slate-100">
              {size}
            </Link>
          ),
        )}
      </div>
    </nav>
  );
}
