const TONES = {
  red: "bg-red-50 text-red-800 ring-red-600/30",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  amber: "bg-amber-50 text-amber-900 ring-amber-600/30",
  blue: "bg-brand-50 text-brand-900 ring-brand-600/30",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/30",
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({ tone = "slate", children, title }: { tone?: BadgeTone; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </span>
  );
}
