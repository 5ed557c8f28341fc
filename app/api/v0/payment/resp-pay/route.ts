// POST api/v0/payment/resp-pay — EnKash "Payment Response" webhook (lib/webhook/receive.ts).
import { ingestPaymentResponse } from "@/lib/ingest/ingest";
import { methodNotAllowed, receiveWebhook } from "@/lib/webhook/receive";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return receiveWebhook(request, "resp-pay", ingestPaymentResponse);
}

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
