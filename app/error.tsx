"use client";

import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/styles";

export default function ErrorPage({ reset, error }: { reset: () => void; error: Error & { digest?: string } }) {
  return (
    <EmptyState title="This page could not be loaded">
      <p>The database may be unavailable or busy. Try again in a moment; if it keeps failing, check <code>/api/health</code>.</p>
      {error.digest ? <p className="mt-1 text-xs text-slate-500">Reference: {error.digest}</p> : null}
      <button type="button" onClick={reset} className={`${buttonClass} mt-3`}>Try again</button>
    </EmptyState>
  );
}
