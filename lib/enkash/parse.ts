// Text → JSON → structurally valid resp-pay body. No exceptions escape: every failure is a
// ParseFailure naming what is wrong, so the route can answer 4xx and still keep the delivery.
import { exceededLimits, scanJson, valueLimitProblem, type ItemLimits } from "./limits";
import type { z } from "zod";
import { describeIssues, formatPath, paymentResponseSchema, type FieldProblem, type PaymentResponse } from "./schema";

export const MAX_JSON_DEPTH = 32;

export type Parsed<T> =
  /**
   * repaired: strings held unpaired UTF-16 surrogates (\ud800…), replaced by U+FFFD.
   * nulls: paths of members sent as null and read as absent (the first few).
   */
  | { ok: true; json: unknown; body: T; repaired: boolean; nulls: string[] }
  | { ok: false; status: 400 | 422; reason: string; problems: FieldProblem[]; json?: unknown };

export type ParseResult = Parsed<PaymentResponse>;

// \u0000 as an escape, not "\\u0000" (an escaped backslash followed by the text u0000).
const ESCAPED_NUL = /(?<!\\)(?:\\\\)*\\u0000/i;

/** Where JSON.parse stopped, without echoing the text (which may hold anything). */
function syntaxError(error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const position = /position (\d+)/.exec(message)?.[1];
  if (/Unexpected end of JSON input|Unterminated string/i.test(message)) return "body is not valid JSON (it ends too early)";
  return `body is not valid JSON${position ? ` (at character ${position})` : ""}`;
}

/** Parses and validates a resp-pay body; `limits` bound how much it may hold (lib/enkash/limits.ts). */
export function parsePaymentResponse(text: string, limits: ItemLimits): ParseResult {
  return parseEnkashBody(text, limits, paymentResponseSchema);
}

/** Parses a webhook body and validates it with the webhook's schema. */
export function parseEnkashBody<T>(text: string, limits: ItemLimits, schema: z.ZodType<T>): Parsed<T> {
  const fail = (status: 400 | 422, reason: string, problems: FieldProblem[] = [], json?: unknown): Parsed<T> =>
    ({ ok: false, status, reason, problems, json });
  if (text.trim() === "") return fail(400, "empty body: expected a JSON object");
  const shape = scanJson(text);
  if (shape.depth > MAX_JSON_DEPTH) return fail(400, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  // NUL cannot be stored in PostgreSQL text and has no business in a payment message.
  if (text.includes("\u0000") || ESCAPED_NUL.test(text)) return fail(400, "body contains a NUL character (\\u0000)");
  // Before parsing: a body of tiny values costs memory and time out of proportion to its size.
  const tooMany = valueLimitProblem(shape.values, limits);
  if (tooMany) return fail(422, `limit exceeded: ${tooMany.message}`, [tooMany]);
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
    return fail(400, syntaxError(error));
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    const kind = json === null ? "null" : Array.isArray(json) ? "an array" : `a ${typeof json}`;
    return fail(422, `body must be a JSON object, got ${kind}`, [{ path: "(body)", message: `expected object, received ${kind}` }], json);
  }
  // Before validation, which they bound: lists longer than a payment plausibly holds.
  const beyond = exceededLimits(json, limits);
  if (beyond.length > 0) return fail(422, `limit exceeded: ${beyond.map((p) => `${p.path} ${p.message}`).join("; ")}`, beyond, json);
  const checked = schema.safeParse(json);
  if (!checked.success) {
    const problems = describeIssues(checked.error);
    return fail(422, `invalid fields: ${problems.map((p) => p.path).join(", ")}`, problems, json);
  }
  return { ok: true, json, body: checked.data, repaired, nulls: nullPaths(json) };
}

const LISTED_NULLS = 20;

/** Paths of null members in a valid body: each was read as absent (required members cannot be null). */
function nullPaths(json: unknown): string[] {
  const found: string[] = [];
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: json, path: [] }];
  while (stack.length > 0 && found.length < LISTED_NULLS) {
    const { node, path } = stack.pop()!;
    if (node === null) found.push(formatPath(path));
    else if (typeof node === "object") {
      const entries = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ node: entries[i]![1], path: [...path, entries[i]![0]] });
    }
  }
  return found;
}
