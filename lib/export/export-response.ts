// GET /payments/export.csv and /payments/export.xlsx?<the list's query>[&level=invoices]: every
// payment (or invoice and split) of that view, streamed. Finance and admins only (support: 403);
// each export is audited (payments.export).
import "server-only";
import { AccessDeniedError } from "../auth/access";
import { getViewer } from "../auth/viewer";
import { readListQuery } from "../payments/list-params";
import { exportFileName, exportPayments, type ExportFormat } from "./payment-export";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const text = (body: string, status: number) => new Response(`${body}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function exportResponse(request: Request, format: ExportFormat): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return text("Sign in first.", 401);
  const query = new URL(request.url).searchParams;
  const level = query.get("level") ?? "payments";
  if (level !== "payments" && level !== "invoices") return text("level is payments (one row per payment) or invoices (one row per invoice and per split).", 400);
  const { params, errors } = readListQuery(Object.fromEntries(query));
  const problems = Object.entries(errors).map(([field, message]) => `${field} ${message}`);
  // An unreadable filter is refused, never exported as if it were not there.
  if (problems.length > 0) return text(`Fix the filter first: ${problems.join("; ")}.`, 400);
  try {
    const body = await exportPayments(viewer, params, { format, level });
    return new Response(body, {
      headers: {
        "Content-Type": CONTENT_TYPES[format],
        "Content-Disposition": `attachment; filename="${exportFileName(params, { format, level })}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AccessDeniedError) return text("Export is for finance and admin roles.", 403);
    throw error;
  }
}
