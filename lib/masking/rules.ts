// What counts as an account number, and what is kept. The rule (README → Account numbers):
// - a value under a key that names an account (any spelling, case or nesting) keeps its last four
//   digits, whatever its length or type;
// - so does every value of a name/value pair whose name says account;
// - anywhere else (free text, names, references, unknown keys, headers, unparseable bodies) a run of
//   nine or more digits keeps its last four, unless it is a reference we recognise: one of the
//   message's own identifiers (UTR, ids, invoice numbers) or a NEFT/RTGS UTR.
import { countDigits, digitRuns, maskDigits } from "./digits";

/** Raised whenever the rule changes; stored rows record the version they were masked with. */
export const MASKING_VERSION = 1;

/** Shortest Indian bank account number: a digit run this long in free text is masked. */
export const MIN_ACCOUNT_DIGITS = 9;

const compacted = new Map<string, string>();
/** A key or label without case, spacing or punctuation. Keys repeat in every invoice: remembered. */
function compact(text: string): string {
  let c = compacted.get(text);
  if (c === undefined) {
    c = text.normalize("NFKC").toLowerCase().replace(/[\s_\-.:#()[\]]/g, "");
    if (compacted.size >= 4096) compacted.clear();
    if (text.length <= 100) compacted.set(text, c);
  }
  return c;
}

const ACCOUNT_WORDS = ["account", "acct", "accno", "acno", "accnum", "acnum", "a/c", "acc/no", "khata"];
const ACCOUNT_EXACT = new Set(["ac", "acc", "accnt", "acnt"]);
// Attributes of an account that are not its number.
const NOT_THE_NUMBER = ["ifsc", "name", "holder", "type", "branch", "status", "currency", "category", "mode", "vpa", "upi", "email", "mobile", "phone", "transfer"];

/** True when a key or a label names an account number: "acct", "Account No.", "a/c", "bank-account". */
export function namesAccount(text: string): boolean {
  if (text.length > 100) return false;
  const c = compact(text);
  if (ACCOUNT_EXACT.has(c)) return true;
  if (!ACCOUNT_WORDS.some((w) => c.includes(w))) return false;
  return !NOT_THE_NUMBER.some((w) => c.includes(w));
}

// Labels of the references finance quotes (PO, invoice, challan, GSTIN…): a labelled value is kept.
const REFERENCE_WORDS = new Set([
  "po", "purchase", "order", "invoice", "inv", "ref", "reference", "utr", "rrn", "challan", "cin", "bsr", "gstin", "gst",
  "pan", "tan", "bill", "voucher", "grn", "receipt", "txn", "transaction", "tds", "cheque", "chq", "irn", "ewb", "eway",
]);

/** True when a label names a reference finance quotes, such as "PO_NUMBER" or "Invoice Ref". */
export function namesReference(label: string): boolean {
  if (label.length > 100 || namesAccount(label)) return false;
  const words = label.normalize("NFKC").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/);
  return words.some((w) => REFERENCE_WORDS.has(w));
}

const LABEL_KEYS = new Set(["name", "key", "label", "field", "fieldname", "title", "type", "code", "description", "desc", "attribute", "param", "parameter"]);

/** Members that carry the label of a name/value pair ({"name": "Account No", "value": "…"}). */
export function isLabelKey(key: string): boolean {
  return LABEL_KEYS.has(compact(key));
}

const NUMBER_LIKE_KEYS = new Set(["no", "num", "number", "value", "id", "digits"]);

/** Inside an object that is itself an account ({"bankAccount": {"number": …}}), which member is the number. */
export function isNumberLikeKey(key: string): boolean {
  return NUMBER_LIKE_KEYS.has(compact(key));
}

/** The identifiers of one message, which free text may quote without being masked. */
export class References {
  private readonly runs = new Set<string>();
  private readonly tokens = new Set<string>();

  add(identifier: string): void {
    if (identifier.length === 0 || identifier.length > 300) return;
    this.tokens.add(identifier.toUpperCase());
    for (const run of digitRuns(identifier)) if (run.digits.length >= MIN_ACCOUNT_DIGITS) this.runs.add(run.digits);
  }

  has(digits: string, token: string): boolean {
    return this.runs.has(digits) || this.tokens.has(token.toUpperCase());
  }
}

const NO_REFERENCES = new References();
// NEFT (16) and RTGS (22) UTRs: bank code, N or R, then digits.
const BANK_UTR = /^[A-Z]{4}[NR]\d{11,17}$/;
const ALNUM = /[\p{L}\p{N}]/u;

/** The word around a digit run (letters and digits), to recognise references like HDFCN5202…. */
function enclosingToken(text: string, start: number, end: number): string {
  let s = start;
  let e = end;
  while (s > 0 && ALNUM.test(text[s - 1]!)) s--;
  while (e < text.length && ALNUM.test(text[e]!)) e++;
  return text.slice(s, e);
}

/** Masks every run of nine or more digits that is not a recognised reference. */
export function maskFreeText(text: string, references: References = NO_REFERENCES): { text: string; changed: boolean } {
  if (countDigits(text) < MIN_ACCOUNT_DIGITS) return { text, changed: false };
  let out = "";
  let last = 0;
  let changed = false;
  for (const run of digitRuns(text)) {
    if (run.digits.length < MIN_ACCOUNT_DIGITS) continue;
    const token = enclosingToken(text, run.start, run.end);
    if (references.has(run.digits, token) || BANK_UTR.test(token)) continue;
    out += text.slice(last, run.start) + maskDigits(text.slice(run.start, run.end));
    last = run.end;
    changed = true;
  }
  return changed ? { text: out + text.slice(last), changed } : { text, changed };
}

/** A value that is an account number: every digit but the last four is hidden. */
export function maskAccountValue(text: string): { text: string; changed: boolean } {
  const masked = maskDigits(text);
  return { text: masked, changed: masked !== text };
}
