// GET /payments/export.csv?<the list's query>: every payment of that view as CSV, streamed.
// Finance and admins only (support: 403); each export is audited (payments.export).
import { AccessDeniedError } from "@/lib/auth/access";
import { getViewer } from "@/lib/auth/viewer";
import { exportFileName, exportPaymentsCsv } from "@/lib/export/payments-csv";
import { readListQuery } from "@/lib/payments/list-params";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in first.\n", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { params, errors } = readListQuery(Object.fromEntries(new URL(request.url).searchParams));
  const problems = Object.entries(errors).map(([field, message]) => `${field} ${message}`);
  // An unreadable filter is refused, never exported as if it were not there.
  if (problems.length > 0) return new Response(`Fix the filter first: ${problems.join("; ")}.\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  try {
    const body = await exportPaymentsCsv(viewer, params);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFileName(params)}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AccessDeniedError) return new Response("Export is for finance and admin roles.\n", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
