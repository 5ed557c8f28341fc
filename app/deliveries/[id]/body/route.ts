// GET /deliveries/<id>/body: a delivery's whole kept body (account numbers masked), as a download,
// for bodies too large to show on its page. Finance and admins only; audited (raw.download).
import { AccessDeniedError } from "@/lib/auth/access";
import { getViewer } from "@/lib/auth/viewer";
import { getDeliveryBody } from "@/lib/deliveries/list-deliveries";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return new Response("No such delivery.\n", { status: 404 });
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in first.\n", { status: 401 });
  try {
    const body = await getDeliveryBody(viewer, id);
    if (!body) return new Response("No such delivery, or its body was removed by retention.\n", { status: 404 });
    return new Response(body.text, {
      headers: {
        "Content-Type": body.isJson ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
        "Content-Disposition": `attachment; filename="delivery-${id}.${body.isJson ? "json" : "txt"}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AccessDeniedError) return new Response("Raw bodies are for finance and admin roles.\n", { status: 403 });
    throw error;
  }
}
