// What a payment's result means to finance. EnKash documents no list of results; SUCCESS and
// FAILURE are the NPCI convention. Anything else (PENDING, an unknown word, SUCCESS that carries an
// error code) is neither settled nor failed: it is shown as EnKash sent it and counted on its own.
// The migration 20261125222848_message_identity_and_status repeats this rule in SQL.

export const STATUSES = ["success", "failure", "other"] as const;
export type PaymentStatus = (typeof STATUSES)[number];

export function paymentStatus(result: string, errorCd: string): PaymentStatus {
  const normalized = result.trim().toUpperCase();
  if (normalized === "SUCCESS") return errorCd.trim() === "" ? "success" : "other";
  if (normalized === "FAILURE") return "failure";
  return "other";
}

/** The result as a badge label: "Success", "Failed", or EnKash's own word. */
export function statusLabel(status: PaymentStatus, result: string): string {
  if (status === "success") return "Success";
  if (status === "failure") return "Failed";
  return result.trim() === "" ? "(no result)" : result.trim();
}
