import "server-only";
import { readPrisma } from "./db";
import { databaseKind } from "./database-url";

export async function checkDatabase(): Promise<{ status: "up" | "down"; kind: string; latencyMs?: number; error?: string }> {
  const kind = databaseKind();
  const started = performance.now();
  try {
    await readPrisma.delivery.findFirst({ select: { id: true } });
    return { status: "up", kind, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    return { status: "down", kind, error: "database unreachable or not migrated" };
  }
}
