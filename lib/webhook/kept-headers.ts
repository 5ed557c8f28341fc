// The request headers stored with each delivery: enough to trace it, never a credential, and no
// account number (values are free text to the masking rule).
import { maskFreeText } from "../masking/rules";

const KEPT = [
  "content-type", "content-length", "content-encoding", "user-agent", "host",
  "x-forwarded-for", "x-forwarded-proto", "x-real-ip", "x-request-id", "x-correlation-id", "traceparent",
];

export function keptHeaders(headers: Headers, secretHeader: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT) {
    const value = headers.get(name);
    if (value !== null) out[name] = maskFreeText(value.slice(0, 500)).text;
  }
  // Whether the secret was presented is useful to support; its value never is.
  if (headers.has(secretHeader)) out[secretHeader.toLowerCase()] = "(present, not stored)";
  return out;
}
