import { describe, expect, it } from "vitest";
import { formatInr, numberToDecimal, paiseToDecimal, parseRupeeInput, rupeesToPaise } from "./money";

describe("rupeesToPaise", () => {
  it.each([
    [47200.0, 4720000n], [0.1, 10n], [0.29, 29n], [1.005, 101n], [-12.34, -1234n], [1e21, 100000000000000000000000n], [123456789.12, 12345678912n],
  ])("%d rupees → %d paise", (rupees, paise) => {
    expect(rupeesToPaise(rupees).paise).toBe(paise);
  });

  it("flags more than two decimals but not trailing zeros", () => {
    expect(rupeesToPaise(177000.005).subPaise).toBe(true);
    expect(rupeesToPaise(177000.1).subPaise).toBe(false);
  });

  it("is exact for every amount up to the cap (₹1 lakh crore with paise: 15 significant digits)", () => {
    expect(rupeesToPaise(999999999999.99).paise).toBe(99999999999999n);
    expect(rupeesToPaise(-999999999999.99).paise).toBe(-99999999999999n);
    expect(rupeesToPaise(123456789012.34).paise).toBe(12345678901234n);
  });
});

describe("numberToDecimal", () => {
  it("expands exponent notation without rounding", () => {
    expect(numberToDecimal(1.5e-7)).toBe("0.00000015");
    expect(numberToDecimal(2e21)).toBe("2000000000000000000000");
    expect(numberToDecimal(-0)).toBe("0");
  });
});

describe("formatting for India", () => {
  it("groups in lakhs and crores with the rupee sign", () => {
    expect(formatInr(123456789n)).toBe("₹12,34,567.89");
    expect(formatInr(12345678901234n)).toBe("₹1,23,45,67,89,012.34");
    expect(formatInr(5n)).toBe("₹0.05");
    expect(formatInr(-150n)).toBe("-₹1.50");
  });

  it("keeps paise exact beyond what a double can hold", () => {
    expect(paiseToDecimal(900719925474099199n)).toBe("9007199254740991.99");
  });

  it("parses what a person types", () => {
    expect(parseRupeeInput("₹12,34,567.89")).toBe(123456789n);
    expect(parseRupeeInput("500")).toBe(50000n);
    expect(parseRupeeInput("1.5")).toBe(150n);
    expect(parseRupeeInput("abc")).toBeNull();
    expect(parseRupeeInput("1.234")).toBeNull();
  });
});
