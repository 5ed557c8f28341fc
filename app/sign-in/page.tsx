import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getViewer } from "@/lib/auth/viewer";
import { safeReturnPath } from "@/lib/request-context";
import { flattenSearchParams, type RawSearchParams } from "@/lib/url-state";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const { next } = flattenSearchParams(await searchParams);
  const safeNext = safeReturnPath(next);
  if (await getViewer()) redirect(safeNext ?? "/");
  return (
    <div className="mx-auto mt-10 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="mb-5 text-sm text-slate-600">Payments Desk shows supplier payments to your finance team. Ask an administrator for an account.</p>
      <SignInForm next={safeNext} />
    </div>
  );
}
