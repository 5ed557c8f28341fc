import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<string, BadgeTone> = { accepted: "green", updated: "blue", revised: "blue", duplicate: "slate", stale: "slate", conflict: "amber", rejected: "red" };

const SYMBOL: Record<string, string> = { accepted: "✓", updated: "↑", revised: "↻", duplicate: "=", stale: "◷", conflict: "⚑", rejected: "✕" };

/** A delivery's outcome in words and a symbol, never by colour alone. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  return (
    <span data-testid="delivery-outcome">
      <Badge tone={TONE[outcome] ?? "slate"}><span aria-hidden>{SYMBOL[outcome] ?? "·"}</span> {outcome}</Badge>
    </span>
  );
}
