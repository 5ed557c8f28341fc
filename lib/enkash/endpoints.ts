// The EnKash webhooks Payments Desk receives, as Delivery.endpoint names them.
export const PAYMENT_ENDPOINT = "resp-pay";
export const CONFIRMATION_ENDPOINT = "resp-pay-confirmation";

/** Where a webhook is received (app/api/v0/payment/<endpoint>/route.ts). */
export const webhookPath = (endpoint: string) => `/api/v0/payment/${endpoint}`;
