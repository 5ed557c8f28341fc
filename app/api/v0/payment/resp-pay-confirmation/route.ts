// POST /api/v0/payment/resp-pay-confirmation — EnKash "Payment Confirmation Response" webhook:
// the supplier's ACCEPT or REJECT of a payment (lib/confirmations). Same guarantees as resp-pay.
import { ingestConfirmation } from "@/lib/confirmations/ingest";
import { CONFIRMATION_ENDPOINT } from "@/lib/enkash/endpoints";
import { methodNotAllowed, webhookRoute } from "@/lib/webhook/receive";

export const dynamic = "force-dynamic";

export const POST = webhookRoute(CONFIRMATION_ENDPOINT, ingestConfirmation);

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
