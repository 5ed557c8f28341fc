// Two writers on one database: a seed run in another process while the webhook takes traffic.
// On SQLite this needs write transactions to take the lock up front (BEGIN IMMEDIATE, see
// patches/@prisma+adapter-better-sqlite3+6.19.3.patch); a deferred one fails with SQLITE_BUSY.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { freshPayment, postWebhook } from "./support/webhook";

const root = path.resolve(import.meta.dirname, "..");

function runSeed(count: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/seed.ts", "--count", String(count), "--seed", "4242"], {
      cwd: root,
      env: { ...process.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("concurrent writers", () => {
  it("accepts every webhook while another process seeds the same database", { timeout: 120_000 }, async () => {
    const seeding = runSeed(250);
    const statuses: number[] = [];
    for (let round = 0; round < 12; round++) {
      const batch = await Promise.all(Array.from({ length: 5 }, () => postWebhook(freshPayment())));
      statuses.push(...batch.map((a) => a.status));
      await new Promise((r) => setTimeout(r, 50));
    }
    const seed = await seeding;
    expect(seed.code, seed.output.slice(-500)).toBe(0);
    expect(statuses).toEqual(Array(60).fill(200));
    expect(await prisma.payment.count()).toBeGreaterThanOrEqual(250 + 60);
  });
});
