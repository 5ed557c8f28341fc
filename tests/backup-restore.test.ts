// Backups (README → Backups): `npm run backup` while deliveries keep arriving, `npm run restore`
// into a fresh database, and every payment acknowledged before the backup began is there, whole.
// The real commands, as child processes, against the suite's database.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { databaseKind } from "@/lib/database-url";
import { dropDatabase, withDatabase } from "@/lib/postgres-admin";
import { freshPayment, postWebhook } from "./support/webhook";

const sourceUrl = process.env.DATABASE_URL!;
const dir = mkdtempSync(path.join(os.tmpdir(), "payments-desk-backup-"));
const restoredUrl = databaseKind(sourceUrl) === "sqlite" ? `file:${path.join(dir, "restored.db")}` : withDatabase(sourceUrl, `${new URL(sourceUrl).pathname.slice(1)}_restored`);

afterAll(async () => {
  if (databaseKind(restoredUrl) === "postgresql") await dropDatabase(restoredUrl);
});

function command(script: string, args: string[], url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", script, ...args], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

async function restoredPayments(): Promise<{ objectId: string; invoiceCount: number; invoices: number }[]> {
  const sql = 'SELECT p."objectId", p."invoiceCount", (SELECT COUNT(*) FROM "InvoicePayInfo" i WHERE i."paymentId" = p."id") AS invoices FROM "Payment" p';
  if (databaseKind(restoredUrl) === "sqlite") {
    const db = new Database(restoredUrl.slice("file:".length), { readonly: true });
    try {
      return db.prepare(sql).all() as { objectId: string; invoiceCount: number; invoices: number }[];
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: restoredUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows.map((r) => ({ objectId: r.objectId, invoiceCount: Number(r.invoiceCount), invoices: Number(r.invoices) }));
  } finally {
    await client.end();
  }
}

describe("backup and restore", () => {
  it("backs up during ingest, restores into a fresh database, and finds every acknowledged payment", async () => {
    const acknowledged: string[] = [];
    const send = async () => {
      const body = freshPayment();
      const answer = await postWebhook(body);
      if (answer.status === 200) acknowledged.push(body.payment.objectId);
    };
    for (let i = 0; i < 30; i++) await send();

    let sending = true;
    const traffic = (async () => {
      while (sending) {
        await send();
        // On SQLite every await above resolves at once: let the child process's events through.
        await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const before = [...acknowledged];
    const file = path.join(dir, databaseKind(sourceUrl) === "sqlite" ? "backup.db" : "backup.dump");
    const backup = await command("scripts/backup.ts", ["--out", file], sourceUrl);
    sending = false;
    await traffic;
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/Backup written to/);
    expect(acknowledged.length).toBeGreaterThan(before.length); // deliveries were arriving throughout

    const restore = await command("scripts/restore.ts", [file], restoredUrl);
    expect(restore.code, restore.output).toBe(0);
    const restored = await restoredPayments();
    const ids = new Set(restored.map((p) => p.objectId));
    expect(before.filter((id) => !ids.has(id))).toEqual([]);
    for (const p of restored) expect(Number(p.invoices)).toBe(Number(p.invoiceCount));
    // Nothing in the copy that was not acknowledged (every payment here was sent by this test).
    const everAcknowledged = new Set(acknowledged);
    expect(restored.filter((p) => !everAcknowledged.has(p.objectId))).toEqual([]);

    // A second restore over a database with payments needs --force.
    const again = await command("scripts/restore.ts", [file], restoredUrl);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/--force/);
    expect((await command("scripts/restore.ts", [file, "--force"], restoredUrl)).code).toBe(0);
  });
});
