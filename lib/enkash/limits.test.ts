import { describe, expect, it } from "vitest";
import { countJsonValues, DEFAULT_LIMITS, exceededLimits, itemLimits } from "./limits";

describe("item limits", () => {
  it("grow in proportion with the size cap, with floors for tiny caps", () => {
    expect(DEFAULT_LIMITS).toEqual({ invoices: 2_000, splitsPerInvoice: 100, additionalInfos: 1_000, values: 65_536 });
    expect(itemLimits(4 * 1024 * 1024)).toEqual({ invoices: 8_000, splitsPerInvoice: 100, additionalInfos: 4_000, values: 262_144 });
    expect(itemLimits(1024)).toEqual({ invoices: 100, splitsPerInvoice: 100, additionalInfos: 50, values: 5_000 });
  });

  it("counts JSON values without parsing, never fewer than there are", () => {
    const cases: [string, number][] = [
      ["{}", 1],
      ['{"a":1}', 2],
      ['{"a":[1,2,3],"b":{"c":null}}', 7],
      ['["x,y", "{[", 3]', 4], // commas and brackets inside strings do not count
      ['["a\\",b"]', 2], // an escaped quote does not end the string
    ];
    for (const [text, exact] of cases) {
      const counted = countJsonValues(text);
      expect(counted).toBeGreaterThanOrEqual(exact);
      expect(counted).toBeLessThanOrEqual(exact + 2); // empty containers count one more
    }
    expect(countJsonValues(`[${"{},".repeat(999)}{}]`)).toBe(2_001);
  });

  it("names each list over its limit by its path", () => {
    const limits = itemLimits(1024);
    const body = {
      payment: { invoicesPayInfos: [{ invoicePaymentAmount: { splits: new Array(101).fill({}) } }, {}] },
      additionalInfos: new Array(51).fill({}),
    };
    expect(exceededLimits(body, limits).map((p) => p.path)).toEqual(["payment.invoicesPayInfos[0].invoicePaymentAmount.splits", "additionalInfos"]);
    expect(exceededLimits({ payment: { invoicesPayInfos: new Array(101).fill({}) } }, limits)[0]!.message).toMatch(/holds 101 invoices: the limit is 100/);
    // Shapes the schema refuses anyway are not this check's business.
    expect(exceededLimits({ payment: "x", additionalInfos: {} }, limits)).toEqual([]);
  });
});
