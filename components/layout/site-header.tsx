import Link from "next/link";
import { buttonClass, inputClass } from "@/components/ui/styles";

const NAV = [
  { href: "/payments", label: "Payments" },
  { href: "/payments?result=failure", label: "Failures" },
  { href: "/payments/lookup", label: "Bulk UTR lookup" },
  { href: "/deliveries", label: "Delivery log" },
];

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
        <Link href="/payments" className="text-base font-bold text-brand-900">
          Payments Desk
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {NAV.map((item) => (
            <Link key={item.href} href={item.href} className="text-slate-700 hover:text-brand-700">
              {item.label}
            </Link>
          ))}
        </nav>
        <form action="/payments" method="get" role="search" className="ml-auto flex w-full gap-2 sm:w-auto">
          <label htmlFor="utr-search" className="sr-only">
            Search by UTR
          </label>
          <input id="utr-search" name="utr" type="search" required placeholder="Search UTR…" autoComplete="off" className={`${inputClass} sm:w-64`} />
          <button type="submit" className={buttonClass}>
            Find
          </button>
        </form>
      </div>
    </header>
  );
}
