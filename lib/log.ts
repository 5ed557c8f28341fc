// Structured one-line logs. Log ids and outcomes, never bodies: they carry bank details. Every
// other text field passes the account-number rule too (lib/masking/rules.ts), so an error message
// that quotes a value cannot put a number in the log.
import { maskFreeText } from "./masking/rules";

type Level = "info" | "warn" | "error";

// Identifiers support searches the log for, kept as they are.
const IDENTIFIERS = new Set(["deliveryId", "reqMsgId", "objectId"]);

export function logEvent(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  if (process.env.LOG_LEVEL === "silent") return;
  const safe = Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, typeof value === "string" && !IDENTIFIERS.has(key) ? maskFreeText(value).text : value]),
  );
  const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...safe });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
