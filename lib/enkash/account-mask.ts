// Account numbers are only ever stored and shown masked to their last four digits.

/** "123456789012" → "XXXXXXXX9012"; an already-masked value is returned unchanged. */
export function maskAccountNumber(value: string): string {
  const digits = value.replace(/\D/g, "").length;
  if (digits <= 4) return value;
  let toMask = digits - 4;
  let out = "";
  for (const ch of value) {
    if (toMask > 0 && ch >= "0" && ch <= "9") {
      out += "X";
      toMask -= 1;
    } else {
      out += ch;
    }
  }
  return out;
}

/** True when more than the last four digits are in clear. */
export function exposesAccountNumber(value: string): boolean {
  return value.replace(/\D/g, "").length > 4;
}

// A JSON member whose key names an account number, with a string value:
// "maskedAccountNumber": "1234…", "accountNumber": …, "account_no": …, "acctNo": …
const ACCOUNT_MEMBER = /("(?:[A-Za-z_]*(?:account|acct|acc)_?(?:number|num|no))"\s*:\s*")((?:[^"\\]|\\.)*)"/gi;

/**
 * Masks account numbers inside raw JSON text, keeping every other byte as received.
 * Works on bodies that do not parse too (a truncated body is stored as well).
 */
export function maskAccountNumbersInText(raw: string): { text: string; changed: boolean } {
  let changed = false;
  const text = raw.replace(ACCOUNT_MEMBER, (whole, prefix: string, value: string) => {
    // A \uXXXX escape could hide digits from the mask: decode such values first.
    const decoded = value.includes("\\") ? decodeJsonString(value) : value;
    if (decoded === null || !exposesAccountNumber(decoded)) return whole;
    changed = true;
    return `${prefix}${JSON.stringify(maskAccountNumber(decoded)).slice(1, -1)}"`;
  });
  return { text, changed };
}

function decodeJsonString(inner: string): string | null {
  try {
    const value: unknown = JSON.parse(`"${inner}"`);
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

const ACCOUNT_KEY = /^[A-Za-z_]*(?:account|acct|acc)_?(?:number|num|no)$/i;

/** True when parsed JSON has an account-number member with more than four digits in clear. */
export function jsonExposesAccount(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(jsonExposesAccount);
  if (value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([key, child]) =>
    typeof child === "string" ? ACCOUNT_KEY.test(key) && exposesAccountNumber(child) : jsonExposesAccount(child),
  );
}

/** A copy of parsed JSON with every account-number member masked. */
export function maskAccountsInJson(value: unknown): { value: unknown; changed: boolean } {
  let changed = false;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      if (typeof child === "string" && ACCOUNT_KEY.test(key) && exposesAccountNumber(child)) {
        out[key] = maskAccountNumber(child);
        changed = true;
      } else out[key] = walk(child);
    }
    return out;
  };
  return { value: walk(value), changed };
}
