// GET /payments/export.csv?<the list's query>[&level=invoices] (lib/export/export-response.ts).
import { exportResponse } from "@/lib/export/export-response";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => exportResponse(request, "csv");
