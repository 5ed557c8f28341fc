export function LoadingSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" data-loading className="animate-pulse space-y-3">
      <span className="sr-only">{label}</span>
      <div className="h-6 w-48 rounded bg-slate-200" />
      <div className="grid gap-3 sm:grid-cols-3">
        {[0, 1, 2].map((i) => <div key={i} className="h-20 rounded-lg bg-slate-200" />)}
      </div>
      {[0, 1, 2, 3, 4, 5].map((i) => <div key={i} className="h-8 rounded bg-slate-200" />)}
    </div>
  );
}
