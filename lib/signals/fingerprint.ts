// Fingerprints of full bank-account numbers: a keyed HMAC, so that two payments to the same full
// number can be told apart from two payments to different numbers that share their last four
// digits, without the number itself ever being stored. The key comes from ACCOUNT_FINGERPRINT_KEY,
// or is generated once and kept in the database (README → Signals says what that means).
import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { appConfig } from "../config";
import { settingOrCreate } from "../settings";

const SETTING = "account.fingerprint-key";
/** The generated key, once read (it never changes once stored). */
let generated: string | null = null;

async function fingerprintKey(): Promise<string> {
  const fromEnv = appConfig().ACCOUNT_FINGERPRINT_KEY;
  if (fromEnv) return fromEnv;
  generated ??= (await settingOrCreate(SETTING, () => randomBytes(32).toString("base64url"))).value;
  return generated;
}

/** A keyed digest of any text (the same key): equal texts give equal digests, and none can be reversed. */
export async function keyedDigest(text: string): Promise<string> {
  return createHmac("sha256", await fingerprintKey()).update(text).digest("base64url");
}

/** A full account number as sent: 9 to 18 digits, with spaces or hyphens between groups allowed. */
export function fullAccountDigits(value: string | null | undefined): string | null {
  if (!value) return null;
  const digits = value.replace(/[\s-]/g, "");
  return /^\d{9,18}$/.test(digits) ? digits : null;
}

/** The fingerprint of an account number and IFSC, or null when the value is not a full number. */
export async function accountFingerprint(accountNumber: string | null | undefined, ifsc: string | null | undefined): Promise<string | null> {
  const digits = fullAccountDigits(accountNumber);
  if (digits === null) return null;
  const key = await fingerprintKey();
  return createHmac("sha256", key).update(`${(ifsc ?? "").trim().toUpperCase()}:${digits}`).digest("base64url");
}

/** Whether any invoice was sent with a full account number (fingerprintAccounts then needs the key). */
export const sentFullAccountNumber = (sent: { supplierBankAccountDetails?: { maskedAccountNumber?: string } }[]) =>
  sent.some((invoice) => fullAccountDigits(invoice.supplierBankAccountDetails?.maskedAccountNumber) !== null);

/**
 * Sets each invoice's account fingerprint from the body as sent (the record itself is built from
 * the masked body, which no longer holds the full number).
 */
export async function fingerprintAccounts(
  invoices: { row: { accountFingerprint?: string | null; ifsc?: string | null } }[],
  sent: { supplierBankAccountDetails?: { maskedAccountNumber?: string; ifsc?: string } }[],
): Promise<void> {
  for (let i = 0; i < invoices.length; i++) {
    const bank = sent[i]?.supplierBankAccountDetails;
    const fp = await accountFingerprint(bank?.maskedAccountNumber, bank?.ifsc);
    if (fp !== null) invoices[i]!.row.accountFingerprint = fp;
  }
}
