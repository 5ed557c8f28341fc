export function RawBody({ body, label }: { body: string; label: string }) {
  return (
    <details className="mt-2 rounded border border-slate-200 bg-slate-50">
      <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-slate-700">{label}</summary>
      <pre tabIndex={0} aria-label="Raw body" className="max-h-96 overflow-auto px-3 py-2 font-mono text-xs leading-relaxed text-slate-800">{body || "(empty body)"}</pre>
    </details>
  );
}
