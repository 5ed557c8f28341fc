// Masks account numbers inside JSON *text*, keeping every other byte as received. A tolerant
// tokenizer walks the text (valid or not: truncated, trailing garbage, NaN, single quotes), so a
// body that does not parse is masked by the same rules as one that does. String escapes are
// decoded first, so neither "masked\u0041ccountNumber" nor "\u0035\u0030…" hides anything.
import { isLabelKey, isNumberLikeKey, maskAccountValue, maskFreeText, namesAccount, namesReference, References } from "./rules";

/** Where a value sits in a known document: kept as sent ("id"), time, or a documented number. */
export type Role = "id" | "ts" | "number";
export type Shape = Role | { kind: "object"; fields: ReadonlyMap<string, Shape> } | { kind: "array"; items: Shape };

export interface MaskOptions {
  /** The document's known layout: which members are identifiers, times and amounts. */
  shape?: Shape;
  /** Is this "ts" value a time (kept), or free text? */
  isTime?: (value: string) => boolean;
  /** Largest absolute value of a documented number; beyond it, the number is treated as digits. */
  maxNumber?: number;
}

export interface MaskedText {
  text: string;
  changed: boolean;
  /** Paths of the values that were masked, e.g. payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber */
  maskedPaths: string[];
  /** The identifiers found (UTR, ids…): free text about this message may quote them. */
  references: References;
}

interface Frame {
  kind: "object" | "array";
  shape: Shape | undefined;
  parent: Frame | undefined;
  /** This container's key (or index) in its parent. */
  keyInParent: string | number | undefined;
  /** Arrays: index of the element being read. Objects: key of the member being read. */
  index: number;
  key: string | undefined;
  expectKey: boolean;
  /** The value of a key that names an account: its number-like members are account numbers. */
  accountScope: boolean;
  /** A label member ("name": "Account No") says the other members are an account number. */
  labelSaysAccount: boolean;
  /** A label member ("name": "PO_NUMBER") says the other members are a reference: kept. */
  labelSaysReference: boolean;
  labelKey: string | undefined;
}

interface Scalar {
  start: number;
  end: number;
  kind: "string" | "number" | "bare";
  isKey: boolean;
  /** Decoded text of a string; the literal of a number or bare word. */
  value: string;
  terminated: boolean;
  frame: Frame | undefined;
  key: string | number | undefined;
  role: Role | undefined;
}

const PUNCTUATION = new Set(["{", "}", "[", "]", ",", ":", '"']);
const isSpace = (c: string) => c === " " || c === "\n" || c === "\r" || c === "\t";

function childShape(frame: Frame | undefined, key: string | number | undefined, root: Shape | undefined): Shape | undefined {
  if (!frame) return root;
  const shape = frame.shape;
  if (shape === undefined || typeof shape === "string") return undefined;
  if (shape.kind === "array") return frame.kind === "array" ? shape.items : undefined;
  return frame.kind === "object" && typeof key === "string" ? shape.fields.get(key) : undefined;
}

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** Decodes the inside of a JSON string; invalid escapes are kept as written. */
function decodeString(inner: string): string {
  if (!inner.includes("\\")) return inner;
  let out = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c !== "\\" || i + 1 >= inner.length) {
      out += c;
      continue;
    }
    const next = inner[i + 1]!;
    if (next === "u" && /^[0-9a-fA-F]{4}$/.test(inner.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(inner.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (ESCAPES[next] !== undefined) {
      out += ESCAPES[next];
      i += 1;
    } else out += c;
  }
  return out;
}

function tokenize(text: string, root: Shape | undefined): Scalar[] {
  const scalars: Scalar[] = [];
  let top: Frame | undefined;
  const valueKey = (): string | number | undefined => (top ? (top.kind === "array" ? top.index : top.key) : undefined);

  const open = (kind: "object" | "array") => {
    const key = valueKey();
    const accountScope = typeof key === "string" && namesAccount(key);
    top = {
      kind,
      shape: childShape(top, key, root),
      parent: top,
      keyInParent: key,
      index: 0,
      key: undefined,
      expectKey: kind === "object",
      accountScope,
      labelSaysAccount: false,
      labelSaysReference: false,
      labelKey: undefined,
    };
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === "{" || c === "[") {
      open(c === "{" ? "object" : "array");
      i++;
      continue;
    }
    if (c === "}" || c === "]") {
      top = top?.parent;
      i++;
      continue;
    }
    if (c === ",") {
      if (top?.kind === "object") {
        top.expectKey = true;
        top.key = undefined;
      } else if (top?.kind === "array") top.index++;
      i++;
      continue;
    }
    if (c === ":") {
      if (top?.kind === "object") top.expectKey = false;
      i++;
      continue;
    }
    const start = i;
    let kind: Scalar["kind"];
    let value: string;
    let terminated = true;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      terminated = j < text.length;
      const innerEnd = Math.min(j, text.length);
      value = decodeString(text.slice(i + 1, innerEnd));
      kind = "string";
      i = terminated ? j + 1 : text.length;
    } else {
      let j = i;
      while (j < text.length && !PUNCTUATION.has(text[j]!) && !isSpace(text[j]!)) j++;
      value = text.slice(i, j);
      kind = /^-?\d/.test(value) ? "number" : "bare";
      i = j;
    }
    const isKey = kind === "string" && top?.kind === "object" && top.expectKey;
    const key = isKey ? undefined : valueKey();
    const shape = isKey ? undefined : childShape(top, key, root);
    scalars.push({ start, end: i, kind, isKey, value, terminated, frame: top, key, role: typeof shape === "string" ? shape : undefined });
    if (isKey && top) top.key = value;
    if (!isKey && top?.kind === "object" && kind === "string" && typeof key === "string" && isLabelKey(key)) {
      top.labelSaysAccount ||= namesAccount(value);
      top.labelSaysReference ||= namesReference(value);
      if (top.labelSaysAccount || top.labelSaysReference) top.labelKey = key;
    }
  }
  return scalars;
}

function pathOf(frame: Frame | undefined, key: string | number | undefined): string {
  const parts: (string | number)[] = [];
  if (key !== undefined) parts.push(key);
  for (let f = frame; f; f = f.parent) if (f.keyInParent !== undefined) parts.push(f.keyInParent);
  let out = "";
  for (const part of parts.reverse()) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${maskFreeText(part).text}` : maskFreeText(part).text;
  }
  return out || "(body)";
}

/** An identifier of the message, or the value of a pair labelled as a reference: kept as sent. */
function isReference(s: Scalar): boolean {
  if (s.kind === "bare" || s.isKey) return false;
  if (s.role === "id") return true;
  // Only the pair's value ({"name": "PO_NUMBER", "value": …}); a split's refNo stays free text.
  const frame = s.frame;
  return frame !== undefined && frame.labelSaysReference && !frame.labelSaysAccount && typeof s.key === "string" && isNumberLikeKey(s.key);
}

function isAccountValue(s: Scalar): boolean {
  const { frame, key } = s;
  if (typeof key === "string" && namesAccount(key)) return true;
  if (frame?.kind === "array") return frame.accountScope; // "accounts": ["5010…", …]
  if (!frame || typeof key !== "string") return false;
  if (frame.labelSaysAccount && key !== frame.labelKey) return true;
  return frame.accountScope && isNumberLikeKey(key);
}

/** Masks account numbers in JSON text (see lib/masking/rules.ts for the rule). */
export function maskJsonText(text: string, options: MaskOptions = {}): MaskedText {
  const scalars = tokenize(text, options.shape);
  const references = new References();
  for (const s of scalars) if (isReference(s)) references.add(s.value);

  const edits: { start: number; end: number; text: string }[] = [];
  const maskedPaths: string[] = [];
  for (const s of scalars) {
    let masked: { text: string; changed: boolean };
    if (s.isKey) masked = maskFreeText(s.value, references);
    else if (isReference(s)) continue;
    else if (s.role === "ts" && s.kind === "string" && options.isTime?.(s.value)) continue;
    else if (s.role === "number" && s.kind === "number" && Math.abs(Number(s.value)) <= (options.maxNumber ?? Infinity)) continue;
    else if (isAccountValue(s)) masked = maskAccountValue(s.value);
    else masked = maskFreeText(s.value, references);
    if (!masked.changed) continue;
    // A masked number becomes a string: "X" is not a digit.
    const replacement = s.kind === "bare" ? masked.text : JSON.stringify(masked.text);
    edits.push({ start: s.start, end: s.end, text: s.kind === "string" && !s.terminated ? replacement.slice(0, -1) : replacement });
    if (!s.isKey) maskedPaths.push(pathOf(s.frame, s.key));
  }
  if (edits.length === 0) return { text, changed: false, maskedPaths, references };
  let out = "";
  let last = 0;
  for (const edit of edits) {
    out += text.slice(last, edit.start) + edit.text;
    last = edit.end;
  }
  return { text: out + text.slice(last), changed: true, maskedPaths, references };
}
