// Supplier and buyer search: by id or name, in any case, by prefix or substring. It reads the Party
// directory (one row per supplier or buyer, kept at ingest), not the payments, so it costs the same
// at a million payments as at a thousand.
import "server-only";
import { authorize, type Viewer } from "../auth/access";
import { readPrisma } from "../db";
import type { PartyKind } from "./directory";

export const MAX_SUGGESTIONS = 10;
/** Longest query read: ids and names are far shorter. */
export const MAX_QUERY_CHARS = 100;

export interface PartyMatch {
  kind: PartyKind;
  b2bId: string;
  name: string | null;
  lastSeenAt: Date;
}

const select = { kind: true, b2bId: true, name: true, lastSeenAt: true } as const;

/** Candidates read per search, before ranking. */
const SCAN_TAKE = 200;

/**
 * Parties of a kind whose id or name contains the query, in any case: ids that start with it first
 * (in id order, so an exact id leads however many others share its start), then names that do, then
 * the rest, newest first. LIKE's wildcards (and PostgreSQL's escape character) are never sent: the
 * database filters on the longest run of the query without them, and the match is checked here,
 * literally.
 */
export async function searchParties(viewer: Viewer, kind: PartyKind, query: string, limit = MAX_SUGGESTIONS): Promise<PartyMatch[]> {
  authorize(viewer, "payments:browse");
  const q = query.trim().toLowerCase().slice(0, MAX_QUERY_CHARS);
  if (!q) return [];
  const plain = q.split(/[%_\\]+/).reduce((a, b) => (b.length > a.length ? b : a), "");
  const [starting, containing] = await Promise.all([
    // searchText starts with the id: this is "the id starts with the query", in id order.
    plain === q
      ? readPrisma.party.findMany({ where: { kind, searchText: { startsWith: q } }, orderBy: { searchText: "asc" }, take: limit, select: { ...select, searchText: true } })
      : Promise.resolve([]),
    readPrisma.party.findMany({
      where: { kind, ...(plain ? { searchText: { contains: plain } } : {}) },
      orderBy: { lastSeenAt: "desc" },
      take: SCAN_TAKE,
      select: { ...select, searchText: true },
    }),
  ]);
  const seen = new Set<string>();
  const candidates = [...starting, ...containing].filter((p) => !seen.has(p.b2bId) && seen.add(p.b2bId));
  const rank = (p: { b2bId: string; name: string | null }) =>
    p.b2bId.toLowerCase().startsWith(q) ? 0 : (p.name ?? "").toLowerCase().startsWith(q) ? 1 : 2;
  return candidates
    .filter((p) => p.searchText.includes(q))
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, limit)
    .map((p) => ({ kind: p.kind as PartyKind, b2bId: p.b2bId, name: p.name, lastSeenAt: p.lastSeenAt }));
}

/** The party with exactly this id, if Payments Desk has seen it. */
export async function findParty(viewer: Viewer, kind: PartyKind, b2bId: string) {
  authorize(viewer, "payments:browse");
  return readPrisma.party.findUnique({ where: { kind_b2bId: { kind, b2bId } } });
}

export type PartyFilter = { kind: "exact" } | { kind: "one"; b2bId: string } | { kind: "none" } | { kind: "many"; count: number };

/**
 * What a supplier or buyer typed into the list's filter means: an id Payments Desk knows as is;
 * otherwise a name or part of an id that matches exactly one party (the list uses its id), none, or
 * several (the user picks one).
 */
export async function resolvePartyFilter(viewer: Viewer, kind: PartyKind, value: string): Promise<PartyFilter> {
  if (await findParty(viewer, kind, value)) return { kind: "exact" };
  const matches = await searchParties(viewer, kind, value, 2);
  if (matches.length === 1) return { kind: "one", b2bId: matches[0]!.b2bId };
  return matches.length === 0 ? { kind: "none" } : { kind: "many", count: matches.length };
}
