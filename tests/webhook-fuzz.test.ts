// Hostile and broken input, generated: whatever a client sends, the route answers with the
// EnKash envelope and a 200/4xx status — never a 5xx — and keeps the delivery.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { rng } from "@/lib/demo/generate-payments";
import { freshPayment, postWebhook } from "./support/webhook";

const r = rng(Number(process.env.FUZZ_SEED ?? 20261125));
const NASTY: unknown[] = [
  null, true, 0, -1, 1e308, -1e-308, 3.14159, "", " ", "x".repeat(5000), "é".repeat(3000), "\ud800", "💸".repeat(50),
  "'; DROP TABLE \"Payment\"; --", "<script>alert(1)</script>", "%_%", "\\", "\"", [], {}, [[[]]], { a: { b: {} } },
];

function paths(node: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (node === null || typeof node !== "object") return [prefix];
  const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
  return [prefix, ...keys.flatMap((k) => paths((node as Record<string | number, unknown>)[k], [...prefix, k]))];
}

function mutate(body: Record<string, unknown>): string {
  const all = paths(body).filter((p) => p.length > 0);
  for (let n = r.int(1, 3); n > 0; n--) {
    const path = r.pick(all);
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], body) as Record<string | number, unknown> | undefined;
    if (!parent || typeof parent !== "object") continue;
    const key = path[path.length - 1]!;
    if (r.next() < 0.2) delete parent[key];
    else parent[key] = r.pick(NASTY);
  }
  let text = JSON.stringify(body);
  const roll = r.next();
  if (roll < 0.1) text = text.slice(0, r.int(0, text.length));
  else if (roll < 0.15) text = text.replace(/[0-9]/g, () => r.pick(["1e999", "NaN", "-", "0x1F", "01"]));
  return text;
}

describe("fuzzed deliveries", () => {
  it("answer 200 or 4xx with the envelope, and are always kept", { timeout: 120_000 }, async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < Number(process.env.FUZZ_RUNS ?? 250); i++) {
      const text = mutate(freshPayment());
      const answer = await postWebhook(text);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expect(answer.status, text.slice(0, 300)).toBeLessThan(500);
      expect([200, 400, 422]).toContain(answer.status);
      expect(answer.body.response_code).toBe(answer.status === 200 ? 0 : 1);
      expect(await prisma.delivery.count({ where: { id: answer.ack.deliveryId! } })).toBe(1);
    }
    // The generator must exercise both sides, or the test proves nothing.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(20);
    expect((statuses.get(400) ?? 0) + (statuses.get(422) ?? 0)).toBeGreaterThan(50);
  });
});
