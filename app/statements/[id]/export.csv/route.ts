// GET /statements/:id/export.csv — a statement's matching results as CSV (finance and admin; audited).
import { AccessDeniedError } from "@/lib/auth/access";
import { getViewer } from "@/lib/auth/viewer";
import { exportStatementResults } from "@/lib/statements/results";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(`${body}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return text("Sign in first.", 401);
  const id = Number((await params).id);
  try {
    const result = Number.isSafeInteger(id) && id > 0 ? await exportStatementResults(viewer, id) : null;
    if (!result) return text("No such statement.", 404);
    return new Response(result.csv, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${result.fileName}"`, "Cache-Control": "no-store" },
    });
  } catch (error) {
    if (error instanceof AccessDeniedError) return text("Statements are for finance and admin roles.", 403);
    throw error;
  }
}
