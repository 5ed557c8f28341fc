// Extra app servers for the reliability specs: each on a fresh database of the suite's kind,
// migrated with `npm run migrate`'s script and started with `npm start`'s server.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_SECRET } from "../bench/server";
import { dropDatabase, withDatabase } from "../lib/postgres-admin";
import { exampleVariant, EXAMPLES, serverDatabaseKind, serverDatabaseUrl } from "./support";

export { startServer } from "../bench/server";

/** An empty database of the suite's kind (SQLite file, or a PostgreSQL database dropped first). */
export async function freshDatabase(name: string): Promise<string> {
  if (serverDatabaseKind() === "sqlite") return `file:${path.join(mkdtempSync(path.join(os.tmpdir(), "payments-desk-e2e-")), `${name}.db`)}`;
  const url = withDatabase(serverDatabaseUrl(), name);
  await dropDatabase(url);
  return url;
}

/** Runs `npm run migrate`'s script; resolves with its exit code and output. */
export function migrateDatabase(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/migrate.ts"], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

/** The two-invoice example as a payment of its own (objectId, UTR and reqMsgId from `id`). */
export function twoInvoicePayment(id: string, ts?: string): string {
  const mutate = (body: { resp: { reqMsgId: string }; payment: { ts: string } }) => {
    body.resp.reqMsgId = `REQ${id}`;
    if (ts) body.payment.ts = ts;
  };
  return exampleVariant(`PMT${id}`, `UTR${id}`.slice(0, 22), mutate, EXAMPLES[0]!);
}

/** Posts to a server's webhook with the bench secret; status 0 when the connection failed. */
export async function post(base: string, text: string): Promise<{ status: number; outcome?: string }> {
  try {
    const response = await fetch(`${base}/api/v0/payment/resp-pay`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-webhook-secret": BENCH_SECRET },
      body: text,
    });
    const envelope = (await response.json()) as { payload: string };
    return { status: response.status, outcome: (JSON.parse(envelope.payload) as { outcome: string }).outcome };
  } catch {
    return { status: 0 };
  }
}
