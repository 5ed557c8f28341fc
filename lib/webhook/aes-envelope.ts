// EnKash's AES wrapper (../shared/enkash/payment-response-webhook.md §4): a body of the form
// {"request": "<base64>"} whose ciphertext is AES-128-ECB with PKCS#5 padding, keyed by the first
// 16 bytes of SHA-256(the EnKash secret key). EnKash documents it for Payout API calls; Payments
// Desk reads it on its webhooks too, should EnKash apply it there (README → Encrypted bodies).
import { createCipheriv, createDecipheriv, createHash } from "node:crypto";

/** The AES key EnKash derives from its client secret key. */
function aesKey(secretKey: string): Buffer {
  return createHash("sha256").update(secretKey, "utf8").digest().subarray(0, 16);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The ciphertext of an AES-wrapped body, or null when the body is not one. */
export function wrappedCiphertext(text: string): string | null {
  const trimmed = text.trim();
  // The wrapper's one key comes first: any other body is never parsed here.
  if (!/^\{\s*"request"\s*:/.test(trimmed)) return null;
  try {
    const json = JSON.parse(trimmed) as unknown;
    if (typeof json !== "object" || json === null || Array.isArray(json)) return null;
    const keys = Object.keys(json);
    const value = (json as Record<string, unknown>).request;
    return keys.length === 1 && typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

export type Decrypted = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function decryptEnvelope(ciphertext: string, secretKey: string): Decrypted {
  const compact = ciphertext.replace(/\s/g, "");
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) {
    return { ok: false, reason: "request is not Base64 text" };
  }
  const bytes = Buffer.from(compact, "base64");
  if (bytes.length === 0 || bytes.length % 16 !== 0) return { ok: false, reason: `request decodes to ${bytes.length} bytes, not a whole number of AES blocks` };
  let plain: Buffer;
  try {
    const decipher = createDecipheriv("aes-128-ecb", aesKey(secretKey), null);
    plain = Buffer.concat([decipher.update(bytes), decipher.final()]);
  } catch {
    return { ok: false, reason: "request does not decrypt with WEBHOOK_AES_KEY (wrong key, or not AES-128-ECB/PKCS#5)" };
  }
  try {
    return { ok: true, text: utf8.decode(plain) };
  } catch {
    return { ok: false, reason: "request decrypts to bytes that are not UTF-8 text (wrong key?)" };
  }
}

/** The wrapper EnKash would send for a body: what tests and the README's example use. */
export function encryptEnvelope(plainText: string, secretKey: string): string {
  const cipher = createCipheriv("aes-128-ecb", aesKey(secretKey), null);
  const ciphertext = Buffer.concat([cipher.update(plainText, "utf8"), cipher.final()]).toString("base64");
  return JSON.stringify({ request: ciphertext });
}
