import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";
import { Client, types } from "pg";

export const EXAMPLES = ["resp-pay-success-two-invoices-neft.json", "resp-pay-failure-imps.json", "resp-pay-minimal-upi.json"];

export function exampleText(name: string): string {
  return readFileSync(path.resolve("tests", "fixtures", "enkash", name), "utf8"); // run from the project root
}

/** Posts a body to the webhook, as EnKash would (with the shared secret); the HTTP status. */
export async function sendWebhook(request: APIRequestContext, text: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await request.post("/api/v0/payment/resp-pay", {
    data: text,
    headers: { "content-type": "application/json", "x-webhook-secret": process.env.E2E_WEBHOOK_SECRET!, ...headers },
  });
  return response.status();
}

export const ROLE_STATE = {
  admin: "test-results/.auth/admin.json",
  finance: "test-results/.auth/finance.json",
  support: "test-results/.auth/support.json",
} as const;

/** The people e2e/global-setup.ts creates, one per role. */
export const PEOPLE = {
  admin: { email: "admin@e2e.payments-desk.test", password: "e2e admin password, long enough" },
  finance: { email: "finance@e2e.payments-desk.test", password: "e2e finance password, long" },
  support: { email: "support@e2e.payments-desk.test", password: "e2e support password, long" },
} as const;

/** An example (the minimal UPI one unless named) as a payment of its own: its objectId, UTR and reqMsgId replaced. */
export function exampleVariant(objectId: string, utr: string, mutate: (body: any) => void = () => undefined, example = EXAMPLES[2]!): string {
  const body = JSON.parse(exampleText(example));
  body.payment.objectId = objectId;
  body.payment.utr = utr;
  body.resp.reqMsgId = `E2E-${objectId}`;
  mutate(body);
  return JSON.stringify(body);
}

export const serverDatabaseUrl = () => process.env.E2E_DATABASE_URL!;
export const serverDatabaseKind = () => (serverDatabaseUrl().startsWith("file:") ? "sqlite" : "postgresql");

/**
 * Reads the database the e2e server writes to. SQL uses ? placeholders and "quoted" identifiers
 * (valid on both databases); integers come back as BigInt on both.
 */
export function queryServer<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return queryDatabase<T>(serverDatabaseUrl(), sql, params);
}

/** Runs one query (with ? placeholders) against a database the tests created. */
export async function queryDatabase<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { readonly: true });
    try {
      db.defaultSafeIntegers(true);
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  let n = 0;
  const client = new Client({
    connectionString: url,
    types: { getTypeParser: ((oid: number, format: "text" | "binary") => (oid === 20 || oid === 23 ? (v: string) => BigInt(v) : types.getTypeParser(oid, format))) as typeof types.getTypeParser },
  });
  await client.connect();
  try {
    return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Runs SQL statements (no parameters) on the e2e server's database: bulk fixtures only. */
export async function executeOnServer(sql: string): Promise<void> {
  const url = serverDatabaseUrl();
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length));
    try {
      db.pragma("busy_timeout = 15000");
      db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
