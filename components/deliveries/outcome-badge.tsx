import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<string, BadgeTone> = { accepted: "green", updated: "blue", revised: "blue", duplicate: "slate", stale: "slate", conflict: "amber", rejected: "red" };

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={TONE[outcome] ?? "slate"}>{outcome}</Badge>;
}
