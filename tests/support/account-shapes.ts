// Account numbers hidden in every shape we could think of, and a check that finds them again in
// any text (stored rows, pages, answers), whatever digits or separators they were written with.
import { readFileSync } from "node:fs";
import path from "node:path";
import { digitValue } from "../../lib/masking/digits";

/** Distinctive 14-digit account numbers: no window of five of their digits is in the fixtures. */
export const ACCOUNTS = ["73918264550917", "84629175360428", "96253184720539"] as const;
const [A, B] = ACCOUNTS;

const toScript = (digits: string, zero: number) => [...digits].map((d) => String.fromCodePoint(zero + Number(d))).join("");
export const fullWidth = (digits: string) => toScript(digits, 0xff10);
export const devanagari = (digits: string) => toScript(digits, 0x0966);
export const mathBold = (digits: string) => toScript(digits, 0x1d7ce);

// Read from the project root (Vitest and Playwright both run there).
const base = (): Record<string, any> => JSON.parse(readFileSync(path.resolve("tests/fixtures/enkash/resp-pay-success-two-invoices-neft.json"), "utf8"));
const bank = (b: Record<string, any>) => b.payment.invoicesPayInfos[0].supplierBankAccountDetails;

/** [name, body text, account number hidden in it (ASCII digits)] */
export type Shape = [string, string, string];

function edited(mutate: (b: Record<string, any>) => void, account: string = A): [string, string] {
  const body = base();
  mutate(body);
  return [JSON.stringify(body), account];
}

export const ACCOUNT_SHAPES: Shape[] = [
  ["masked field in clear", ...edited((b) => (bank(b).maskedAccountNumber = A))],
  ["masked field as a JSON number", ...edited((b) => (bank(b).maskedAccountNumber = Number(A)))],
  ["key accountNumber", ...edited((b) => (bank(b).accountNumber = A))],
  ["key acct", ...edited((b) => (bank(b).acct = A))],
  ["key ACCOUNT", ...edited((b) => (b.payment.ACCOUNT = A))],
  ["key a/c", ...edited((b) => (b["a/c"] = A))],
  ["key with spaces: Account No", ...edited((b) => (bank(b)["Account No"] = A))],
  ["key with hyphens: bank-account-no", ...edited((b) => (bank(b)["bank-account-no"] = A))],
  ["key in full-width letters", ...edited((b) => (bank(b)["ＡＣＣＯＵＮＴ"] = A))],
  ["deeply nested AcctNo", ...edited((b) => (b.extra = { level1: { level2: [{ AcctNo: A }] } }))],
  ["short account under an account key", ...edited((b) => (bank(b).acct = "86420975"), "86420975")],
  ["account key holding a number", ...edited((b) => (b.payment.beneficiaryAccount = Number(A)))],
  ["list under an account key", ...edited((b) => (b.accounts = [A, B]))],
  ["object under an account key", ...edited((b) => (b.bankAccount = { number: "86420975", ifsc: "HDFC0001234" }), "86420975")],
  ["name/value pair in additionalInfos", ...edited((b) => b.additionalInfos.push({ name: "Beneficiary Account Number", value: A }))],
  ["name/value pair with a short value", ...edited((b) => b.additionalInfos.push({ name: "A/C No.", value: "86420975" }), "86420975")],
  ["label/value pair elsewhere", ...edited((b) => (b.payment.meta = [{ label: "acct", data: A }]))],
  ["full-width digits", ...edited((b) => (bank(b).maskedAccountNumber = fullWidth(A)))],
  ["Devanagari digits in free text", ...edited((b) => b.additionalInfos.push({ name: "REMARKS", value: `खाता ${devanagari(A)}` }))],
  ["mathematical bold digits", ...edited((b) => (b.resp.errorDtl = `credit to ${mathBold(A)} failed`))],
  ["digits behind \\u escapes", JSON.stringify(base()).replace('"XXXXXXXX7305"', `"${[...A].map((d) => `\\u003${d}`).join("")}"`), A],
  ["escaped key name masked\\u0041ccountNumber", JSON.stringify(base()).replace('"maskedAccountNumber":"XXXXXXXX7305"', `"masked\\u0041ccountNumber":"${A}"`), A],
  ["free text in errorDtl", ...edited((b) => (b.resp.errorDtl = `Credit to A/C ${A} failed: account closed`))],
  ["free text in errorField", ...edited((b) => (b.resp.errorField = `supplierBankAccountDetails(${A})`))],
  ["beneficiary name", ...edited((b) => (bank(b).beneficiaryName = `SHREE GANESH ${A}`))],
  ["split refNo", ...edited((b) => (b.payment.invoicesPayInfos[0].invoicePaymentAmount.splits[0].refNo = A))],
  ["VPA <account>@<IFSC>.ifsc.npci", ...edited((b) => (bank(b).businessVPA = `${A}@HDFC0001234.ifsc.npci`))],
  ["additionalInfos value, grouped with spaces", ...edited((b) => b.additionalInfos.push({ name: "NOTE", value: "pay 7391 8264 5509 17 today" }))],
  ["grouped with hyphens", ...edited((b) => b.additionalInfos.push({ name: "NOTE", value: "7391-8264-5509-17" }))],
  ["zero-width spaces between digits", ...edited((b) => (bank(b).beneficiaryName = [...A].join("\u200b")))],
  ["unknown member", ...edited((b) => (b.beneficiary = `${A}`))],
  ["unknown member holding a number", ...edited((b) => (b.payment.ref = Number(A)))],
  ["number in a member name", ...edited((b) => (b[A] = "x"))],
  ["rejected body (amount as a string)", ...edited((b) => {
    b.payment.paymentAmount.totalAmount = "177000";
    bank(b).maskedAccountNumber = A;
  })],
  ["rejected body (additionalInfos value as a number)", ...edited((b) => b.additionalInfos.push({ name: "Account", value: Number(A) }))],
  ["truncated body, cut inside the number", JSON.stringify({ ...base(), x: 1 }).replace('"XXXXXXXX7305"', `"${A}"`).split(A)[0]! + A.slice(0, 12), A],
  ["trailing garbage", `${JSON.stringify(edited((b) => (bank(b).maskedAccountNumber = A))[0])} }}`, A],
  ["single-quoted, not JSON", `{'acct': '${A}', 'amount': 12}`, A],
  ["NaN literal elsewhere", JSON.stringify(base()).replace('"XXXXXXXX7305"', `"${A}"`).replace(/"totalAmount":177000/, '"totalAmount":NaN'), A],
];

/** Text as a reader sees it: every digit in ASCII, invisible characters dropped, JSON \u escapes read. */
export function asReaderSees(text: string): string {
  const unescaped = text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  let out = "";
  for (const ch of unescaped) {
    const cp = ch.codePointAt(0)!;
    if (/^[\p{Cf}\p{Cc}]$/u.test(ch) && ch !== "\n" && ch !== "\t") continue;
    const value = digitValue(cp);
    out += value === null ? ch : String(value);
  }
  // Digits grouped with spaces or hyphens read as one number.
  return out.replace(/(?<=\d)[ \u00a0\u202f\u2009\-‐‑‒–](?=\d)/g, "");
}

/**
 * The digits of `account` that `text` shows beyond the last four: "" when it shows none. A leak is
 * a run of digits (as a reader sees them) that is five or more consecutive digits of the account,
 * or that contains eight or more of them: specific enough that amounts and references on a busy
 * page do not match by chance.
 */
export function leakedDigits(text: string, account: string): string {
  const seen = asReaderSees(text);
  for (const match of seen.matchAll(/\d{5,}/g)) {
    const run = match[0];
    // A decimal amount (39182.9, 0.39182) is an amount, whatever digits it shares with an account.
    const end = match.index + run.length;
    if (/^\.\d/.test(seen.slice(end, end + 2)) || /\d\.$/.test(seen.slice(Math.max(0, match.index - 2), match.index))) continue;
    if (account.includes(run)) return run;
    for (let start = 0; start + 8 <= account.length; start++) {
      if (run.includes(account.slice(start, start + 8))) return account.slice(start, start + 8);
    }
  }
  return "";
}
