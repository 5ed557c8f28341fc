"use client";
// The main navigation's links, marking the current page (aria-current) as the URL changes.
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
}

/** Whether `href` is the page being shown: same path, and the same `result` filter for list links. */
function isCurrent(href: string, pathname: string, result: string | null): boolean {
  const [path, query] = href.split("?");
  if (path === "/payments") {
    return pathname === "/payments" && (new URLSearchParams(query ?? "").get("result") ?? null) === (result === "failure" ? "failure" : null);
  }
  return pathname === path || pathname.startsWith(`${path}/`);
}

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname() ?? "";
  const result = useSearchParams()?.get("result") ?? null;
  return <NavList items={items} current={items.find((item) => isCurrent(item.href, pathname, result))?.href ?? null} />;
}

/** The links themselves; `current` is the href of the page being shown, if it is one of them. */
export function NavList({ items, current }: { items: NavItem[]; current: string | null }) {
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {items.map((item) => {
        const isThis = item.href === current;
        return (
          <Link key={item.href} href={item.href} aria-current={isThis ? "page" : undefined}
            className={isThis ? "font-semibold text-brand-800 underline underline-offset-4" : "text-slate-700 hover:text-brand-700"}>
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}

/** The header's UTR search, showing the UTR being searched for. */
export function HeaderSearchInput({ className }: { className: string }) {
  const utr = useSearchParams()?.get("utr") ?? "";
  return <input key={utr} id="utr-search" name="utr" type="search" required placeholder="Search UTR…" autoComplete="off" defaultValue={utr} className={className} />;
}
