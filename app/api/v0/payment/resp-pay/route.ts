// POST api/v0/payment/resp-pay — EnKash "Payment Response" webhook (lib/webhook/receive.ts).
import { PAYMENT_ENDPOINT } from "@/lib/enkash/endpoints";
import { ingestPaymentResponse } from "@/lib/ingest/ingest";
import { methodNotAllowed, receiveWebhook } from "@/lib/webhook/receive";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return receiveWebhook(request, PAYMENT_ENDPOINT, ingestPaymentResponse);
}

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
