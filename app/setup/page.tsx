import type { Metadata } from "next";
import Link from "next/link";
import { SetupForm } from "@/components/auth/setup-form";
import { linkClass } from "@/components/ui/styles";
import { isValidSetupToken } from "@/lib/auth/bootstrap";
import { flattenSearchParams, type RawSearchParams } from "@/lib/url-state";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up", referrer: "no-referrer" };

/** First run: the link the server printed creates the first administrator, once. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const { token = "" } = flattenSearchParams(await searchParams);
  const valid = await isValidSetupToken(token);
  return (
    <div className="mx-auto mt-10 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">Set up Payments Desk</h1>
      {valid ? (
        <>
          <p className="mb-5 text-sm text-slate-600">Create the first administrator. This link works once.</p>
          <SetupForm token={token} />
        </>
      ) : (
        <p className="text-sm text-slate-700" data-testid="setup-invalid">
          This setup link is not valid: it was used already, it expired, or an administrator exists. Use the newest link the
          server printed when it started, or <Link href="/sign-in" className={linkClass}>sign in</Link>.
        </p>
      )}
    </div>
  );
}
