import type { PartyKind } from "./directory";

/** A supplier's or buyer's page. */
export function partyHref(kind: PartyKind, b2bId: string): string {
  return `/${kind}s/${encodeURIComponent(b2bId)}`;
}
