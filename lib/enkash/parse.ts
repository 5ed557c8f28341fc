// Raw bytes → JSON → structurally valid resp-pay body. No exceptions escape: every failure is
// a ParseFailure naming what is wrong, so the route can answer 4xx and still keep the delivery.
import { describeIssues, paymentResponseSchema, type FieldProblem, type PaymentResponse } from "./schema";

export const MAX_JSON_DEPTH = 32;

export type ParseResult =
  /** repaired: strings held unpaired UTF-16 surrogates (\ud800…), replaced by U+FFFD. */
  | { ok: true; json: unknown; body: PaymentResponse; repaired: boolean }
  | { ok: false; status: 400 | 422; reason: string; problems: FieldProblem[]; json?: unknown };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Decodes UTF-8; null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Deepest nesting of arrays/objects, counted without parsing (strings are skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export function parsePaymentResponse(text: string): ParseResult {
  const fail = (status: 400 | 422, reason: string, problems: FieldProblem[] = [], json?: unknown): ParseResult =>
    ({ ok: false, status, reason, problems, json });
  if (text.trim() === "") return fail(400, "empty body: expected a JSON object");
  if (jsonDepth(text) > MAX_JSON_DEPTH) return fail(400, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  // NUL cannot be stored in PostgreSQL text and has no business in a payment message.
  if (text.includes("\u0000") || /\\u0000/i.test(text)) return fail(400, "body contains a NUL character (\\u0000)");
  let json: unknown;
  let repaired = false;
  // JSON may escape a lone surrogate, which is no Unicode text and cannot be stored: repair it
  // (the raw delivery keeps what was sent). The reviver only runs when such an escape appears.
  const reviver = /\\u[dD][89a-fA-F]/.test(text)
    ? (_key: string, value: unknown) => {
        if (typeof value !== "string" || value.isWellFormed()) return value;
        repaired = true;
        return value.toWellFormed();
      }
    : undefined;
  try {
    json = JSON.parse(text, reviver);
  } catch (error) {
    return fail(400, `body is not valid JSON (${error instanceof Error ? error.message : "parse error"})`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    const kind = json === null ? "null" : Array.isArray(json) ? "an array" : `a ${typeof json}`;
    return fail(422, `body must be a JSON object, got ${kind}`, [{ path: "(body)", message: `expected object, received ${kind}` }], json);
  }
  const checked = paymentResponseSchema.safeParse(json);
  if (!checked.success) {
    const problems = describeIssues(checked.error);
    return fail(422, `invalid fields: ${problems.map((p) => p.path).join(", ")}`, problems, json);
  }
  return { ok: true, json, body: checked.data, repaired };
}
