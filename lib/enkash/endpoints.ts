// The EnKash webhooks Payments Desk receives, as Delivery.endpoint names them.
export const PAYMENT_ENDPOINT = "resp-pay";
export const CONFIRMATION_ENDPOINT = "resp-pay-confirmation";
