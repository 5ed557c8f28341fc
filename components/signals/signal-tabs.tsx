// The signals pages' tabs: one per kind of signal, and the supplier confirmations.
import Link from "next/link";
import type { SignalKind } from "@/lib/signals/raise";

const TABS: { key: string; href: string; label: string }[] = [
  { key: "duplicate-invoice", href: "/signals?kind=duplicate-invoice", label: "Invoices paid twice" },
  { key: "new-account", href: "/signals?kind=new-account", label: "New bank accounts" },
  { key: "contradiction", href: "/signals?kind=contradiction", label: "Contradictions" },
  { key: "unconfirmed", href: "/signals/confirmations?view=unconfirmed", label: "Unconfirmed" },
  { key: "rejected", href: "/signals/confirmations?view=rejected", label: "Rejected by supplier" },
];

export function SignalTabs({ current, counts }: { current: string; counts?: Partial<Record<SignalKind, number>> }) {
  return (
    <nav aria-label="Signals" className="mb-4 flex flex-wrap gap-2 border-b border-slate-200 pb-2 text-sm">
      {TABS.map((tab) => {
        const count = counts?.[tab.key as SignalKind];
        return (
          <Link key={tab.key} href={tab.href} aria-current={tab.key === current ? "page" : undefined}
            className={tab.key === current ? "rounded-md bg-brand-50 px-3 py-1.5 font-semibold text-brand-900" : "rounded-md px-3 py-1.5 text-slate-700 hover:bg-slate-100"}>
            {tab.label}{count ? <span className="ml-1.5 rounded-full bg-red-100 px-1.5 text-xs font-semibold text-red-800">{count.toLocaleString("en-IN")}</span> : null}
          </Link>
        );
      })}
    </nav>
  );
}
