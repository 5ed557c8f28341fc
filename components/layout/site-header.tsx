import Link from "next/link";
import { Suspense } from "react";
import { HeaderSearchInput, NavLinks, NavList } from "./nav-links";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/styles";
import type { Viewer } from "@/lib/auth/access";
import { signOut } from "@/lib/auth/actions";
import { can, type Permission } from "@/lib/auth/roles";

const NAV: { href: string; label: string; permission: Permission }[] = [
  { href: "/overview", label: "Overview", permission: "payments:browse" },
  { href: "/payments", label: "Payments", permission: "payments:browse" },
  { href: "/payments?result=failure", label: "Failures", permission: "payments:browse" },
  { href: "/suppliers", label: "Suppliers", permission: "payments:browse" },
  { href: "/buyers", label: "Buyers", permission: "payments:browse" },
  { href: "/signals", label: "Signals", permission: "signals:read" },
  { href: "/invoices", label: "Invoices", permission: "signals:read" },
  { href: "/statements", label: "Statements", permission: "statements:read" },
  { href: "/payments/lookup", label: "Bulk UTR lookup", permission: "utr:search" },
  { href: "/deliveries", label: "Delivery log", permission: "deliveries:read" },
  { href: "/admin/rejected", label: "Rejected", permission: "deliveries:replay" },
  { href: "/admin/error-codes", label: "Error codes", permission: "errorCodes:edit" },
  { href: "/admin/users", label: "Users", permission: "users:manage" },
  { href: "/admin/audit", label: "Audit log", permission: "audit:read" },
  { href: "/admin/settings", label: "Settings", permission: "settings:manage" },
];

const navItems = (viewer: Viewer) => NAV.filter((item) => can(viewer.role, item.permission)).map(({ href, label }) => ({ href, label }));

/** The navigation a role may use; nothing but the name for someone not signed in. */
export function SiteHeader({ viewer, webhookAuthOff }: { viewer: Viewer | null; webhookAuthOff: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      {viewer && webhookAuthOff && can(viewer.role, "settings:manage") ? (
        <p role="alert" data-testid="webhook-auth-off" className="bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-900">
          WEBHOOK_AUTH=off: the webhook accepts deliveries from anyone. Set a secret before going live (Settings).
        </p>
      ) : null}
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-3 px-4 py-3">
        {viewer ? (
          <Link href="/" className="text-base font-bold text-brand-900">
            Payments Desk
          </Link>
        ) : (
          <span className="text-base font-bold text-brand-900">Payments Desk</span>
        )}
        {viewer ? (
          <>
            <Suspense fallback={<NavList items={navItems(viewer)} current={null} />}>
              <NavLinks items={navItems(viewer)} />
            </Suspense>
            <form action="/payments" method="get" role="search" aria-label="UTR search" className="ml-auto flex w-full items-center gap-2 sm:w-auto">
              <label htmlFor="utr-search" className="whitespace-nowrap text-sm font-medium text-slate-700">
                UTR
              </label>
              <Suspense fallback={<input id="utr-search" name="utr" type="search" required placeholder="Search UTR…" className={`${inputClass} sm:w-44`} />}>
                <HeaderSearchInput className={`${inputClass} sm:w-44`} />
              </Suspense>
              <button type="submit" className={buttonClass}>
                Find
              </button>
            </form>
            <form action={signOut} className="flex items-center gap-2 text-sm text-slate-600">
              <span data-testid="signed-in-as">
                {viewer.name} · <span className="font-medium">{viewer.role}</span>
              </span>
              <button type="submit" className={secondaryButtonClass}>
                Sign out
              </button>
            </form>
          </>
        ) : null}
      </div>
    </header>
  );
}
