// GET /api/parties?kind=supplier|buyer&q=…: suggestions for the supplier and buyer fields, as the
// user types. Finance and admins (the roles that browse payments); not audited (a page opened from a
// suggestion is).
import { z } from "zod";
import { AccessDeniedError } from "@/lib/auth/access";
import { getViewer } from "@/lib/auth/viewer";
import { PARTY_KINDS } from "@/lib/parties/directory";
import { MAX_QUERY_CHARS, searchParties } from "@/lib/parties/search";

export const dynamic = "force-dynamic";

const query = z.object({ kind: z.enum(PARTY_KINDS), q: z.string().max(MAX_QUERY_CHARS) });

export async function GET(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "Sign in first." }, { status: 401 });
  const url = new URL(request.url);
  const parsed = query.safeParse({ kind: url.searchParams.get("kind"), q: url.searchParams.get("q") ?? "" });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return Response.json({ error: `${issue?.path.join(".") || "query"}: ${issue?.message ?? "invalid"}` }, { status: 400 });
  }
  try {
    const matches = await searchParties(viewer, parsed.data.kind, parsed.data.q);
    return Response.json(
      { matches: matches.map(({ b2bId, name }) => ({ b2bId, name })) },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  } catch (error) {
    if (error instanceof AccessDeniedError) return Response.json({ error: "Supplier and buyer search is for finance and admin roles." }, { status: 403 });
    throw error;
  }
}
