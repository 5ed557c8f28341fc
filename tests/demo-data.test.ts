import { describe, expect, it } from "vitest";
import { checkPaymentResponse } from "@/lib/enkash/checks";
import { DEFAULT_LIMITS } from "@/lib/enkash/limits";
import { parsePaymentResponse } from "@/lib/enkash/parse";
import { generateDemoMessages } from "@/lib/demo/generate-payments";

describe("demo data", () => {
  const messages = [...generateDemoMessages(400, 6, 42, new Date("2026-01-01T00:00:00Z"))];

  it("is valid EnKash resp-pay bodies with no warnings, except the deliberate malformed ones", () => {
    for (const message of messages) {
      const parsed = parsePaymentResponse(message.text, DEFAULT_LIMITS);
      if (message.kind === "malformed") {
        expect(parsed.ok).toBe(false);
        continue;
      }
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(checkPaymentResponse(parsed.body, new Date("2026-01-01T00:00:00Z"))).toEqual([]);
    }
  });

  it("mixes modes, failures, invoice counts and splits like real traffic", () => {
    const bodies = messages.filter((m) => m.kind === "new").map((m) => JSON.parse(m.text));
    expect(bodies).toHaveLength(400);
    const modes = new Set(bodies.map((b) => b.payment.mode));
    expect([...modes]).toEqual(expect.arrayContaining(["NEFT", "IMPS", "UPI"]));
    const failures = bodies.filter((b) => b.resp.result === "FAILURE");
    expect(failures.length).toBeGreaterThan(20);
    expect(failures.every((b) => /^E\d{4}$/.test(b.resp.errorCd))).toBe(true);
    const invoiceCounts = bodies.map((b) => b.payment.invoicesPayInfos.length);
    expect(Math.min(...invoiceCounts)).toBe(1);
    expect(Math.max(...invoiceCounts)).toBeLessThanOrEqual(10);
    const splitCounts = bodies.flatMap((b) => b.payment.invoicesPayInfos.map((i: any) => i.invoicePaymentAmount.splits.length));
    expect(Math.max(...splitCounts)).toBe(3);
    expect(bodies.filter((b) => b.payment.mode === "NEFT").every((b) => /^[A-Z]{4}N\d{17}$/.test(b.payment.utr))).toBe(true);
    expect(bodies.filter((b) => b.payment.mode === "UPI").every((b) => /^\d{12}$/.test(b.payment.utr))).toBe(true);
  });

  it("is deterministic for a seed", () => {
    const again = [...generateDemoMessages(400, 6, 42, new Date("2026-01-01T00:00:00Z"))];
    expect(again.map((m) => m.text)).toEqual(messages.map((m) => m.text));
  });
});
