// The payment's story: each state EnKash reported, oldest first, with links to the raw deliveries.
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/styles";
import type { StoryEntry, StoryTone } from "@/lib/payments/story";

const TONE: Record<StoryTone, { badge: BadgeTone; symbol: string; dot: string }> = {
  success: { badge: "green", symbol: "✓", dot: "bg-emerald-600" },
  failure: { badge: "red", symbol: "✕", dot: "bg-red-600" },
  other: { badge: "slate", symbol: "◷", dot: "bg-slate-500" },
  review: { badge: "amber", symbol: "⚑", dot: "bg-amber-600" },
  refused: { badge: "amber", symbol: "⊘", dot: "bg-amber-600" },
};

export function PaymentStory({ entries, truncated }: { entries: StoryEntry[]; truncated: boolean }) {
  return (
    <>
      <ol className="relative grid gap-4 border-l-2 border-slate-200 pl-5" data-testid="payment-story">
        {entries.map((e) => {
          const tone = TONE[e.tone];
          return (
            <li key={e.key} className="relative" data-tone={e.tone} data-current={e.current || undefined}>
              <span aria-hidden className={`absolute -left-[1.72rem] top-1.5 h-3 w-3 rounded-full ring-4 ring-white ${tone.dot}`} />
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={tone.badge}><span aria-hidden>{tone.symbol}</span> <bdi>{e.headline}</bdi></Badge>
                {e.current ? <Badge tone="blue">Current state</Badge> : null}
                <span className="text-sm tabular-nums text-slate-700">{e.at ?? e.receivedAt}</span>
              </div>
              <ul className="mt-1 grid gap-0.5 text-sm text-slate-700">
                {e.details.map((d, i) => <li key={i}><bdi>{d}</bdi></li>)}
              </ul>
              <p className="mt-1 text-xs text-slate-600">
                {e.at ? <>Received {e.receivedAt} · </> : null}
                {e.deliveries.count > 0 ? (
                  <>
                    <Link href={`/deliveries/${e.deliveries.id}`} className={linkClass}>Delivery #{e.deliveries.id}</Link>
                    {e.deliveries.count > 1 ? ` and ${e.deliveries.count - 1} identical ${e.deliveries.count === 2 ? "repeat" : "repeats"}` : ""}
                  </>
                ) : "No delivery is kept for it."}
              </p>
            </li>
          );
        })}
      </ol>
      {truncated ? <p className="mt-3 text-xs text-slate-600">Only the first entries are shown; the delivery history below lists every delivery.</p> : null}
    </>
  );
}
