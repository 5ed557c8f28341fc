// Date shortcuts as links (today, yesterday, this week… this Indian financial year), the current
// one marked: the payments list and the supplier and buyer pages use the same ones.
import Link from "next/link";
import { dayRanges } from "@/lib/time";

const linkClass = (current: boolean) => (current ? "font-semibold text-brand-800 underline underline-offset-4" : "text-brand-700 underline-offset-4 hover:underline");

export interface PeriodItem {
  label: string;
  href: string;
  current: boolean;
}

/** A row of period links, the current one marked (aria-current). */
export function PeriodNav({ label, items, prefix, className = "" }: { label: string; items: PeriodItem[]; prefix?: string; className?: string }) {
  return (
    <nav aria-label={label} className={`flex flex-wrap items-center gap-x-3 gap-y-1 text-sm ${className}`}>
      {prefix ? <span className="text-xs font-medium text-slate-600">{prefix}</span> : null}
      {items.map((l) => (
        <Link key={l.label} href={l.href} aria-current={l.current ? "true" : undefined} className={linkClass(l.current)}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}

/** `hrefFor(null)` is "all time", shown first when `allTime` is set. */
export function PeriodLinks({ label, selected, hrefFor, allTime = false }: {
  label: string;
  selected: { from?: string; to?: string };
  hrefFor: (range: { from: string; to: string } | null) => string;
  allTime?: boolean;
}) {
  const items = [
    ...(allTime ? [{ label: "All time", href: hrefFor(null), current: !selected.from && !selected.to }] : []),
    ...dayRanges().map((r) => ({ label: r.label, href: hrefFor(r), current: selected.from === r.from && selected.to === r.to })),
  ];
  return <PeriodNav label={label} items={items} prefix="Dates:" className="mt-3" />;
}
