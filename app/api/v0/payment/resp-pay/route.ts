// POST api/v0/payment/resp-pay — EnKash "Payment Response" webhook (lib/webhook/receive.ts).
import { PAYMENT_ENDPOINT } from "@/lib/enkash/endpoints";
import { ingestPaymentResponse } from "@/lib/ingest/ingest";
import { methodNotAllowed, webhookRoute } from "@/lib/webhook/receive";

export const dynamic = "force-dynamic";

export const POST = webhookRoute(PAYMENT_ENDPOINT, ingestPaymentResponse);

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
