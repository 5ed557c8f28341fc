import { describe, expect, it } from "vitest";
import { ACCOUNT_SHAPES, leakedDigits } from "@/tests/support/account-shapes";
import { maskPaymentResponseText } from "../enkash/mask-body";
import { digitRuns, digitValue, maskDigits } from "./digits";
import { maskFreeText, namesAccount, References } from "./rules";

describe("digits in any script", () => {
  it.each([
    ["7", 7], ["٣", 3], ["३", 3], ["৫", 5], ["７", 7], ["𝟗", 9], ["²", 2], ["①", 1], ["a", null], ["Ⅳ", null],
  ])("%s reads as %s", (ch, value) => {
    expect(digitValue(ch.codePointAt(0)!)).toBe(value);
  });

  it("masks all but the last four digits, whatever their script", () => {
    expect(maskDigits("50100123457305")).toBe("XXXXXXXXXX7305");
    expect(maskDigits("५०१००१२३४५७३०५")).toBe("XXXXXXXXXX७३०५");
    expect(maskDigits("XXXXXXXX7305")).toBe("XXXXXXXX7305");
  });
});

describe("digit runs", () => {
  it.each([
    ["a/c 5010 0123 4573 05 ok", ["50100123457305"]],
    ["+91 98765 43210", ["919876543210"]],
    ["14-07-2025 11:32:08", ["14", "07202511", "32", "08"]],
    ["PO 4500012345", ["4500012345"]],
    ["2025-07-14 11:32", ["2025", "07", "1411", "32"]],
    ["₹1,77,000.00", ["1", "77", "000", "00"]],
    ["5\u200b0\u200b1\u200b0\u200b0\u200b1\u200b2\u200b3\u200b4", ["501001234"]],
  ])("%j", (text, expected) => {
    expect(digitRuns(text).map((r) => r.digits)).toEqual(expected);
  });
});

describe("what names an account", () => {
  it.each(["acct", "Account No", "a/c", "A/C No.", "bank-account-no", "maskedAccountNumber", "ACCOUNT", "ac", "beneficiaryAccount", "ＡＣＣＯＵＮＴ"])("%j does", (key) => {
    expect(namesAccount(key)).toBe(true);
  });
  it.each(["accountIfsc", "accountHolderName", "ifsc", "netAdjustmentAmount", "accepted", "ACCOUNT TRANSFER", "beneficiaryName"])("%j does not", (key) => {
    expect(namesAccount(key)).toBe(false);
  });
});

describe("free text", () => {
  it("masks long digit runs but keeps references, dates and amounts", () => {
    const refs = new References();
    refs.add("519616204815");
    refs.add("INV000123456789");
    const text = "A/C 73918264550917 refused; RRN 519616204815, invoice INV000123456789, NEFT HDFCN52025071463819274 on 14-07-2025 11:32:08 for ₹1,77,000.00; call +91 98765 43210";
    expect(maskFreeText(text, refs).text).toBe(
      "A/C XXXXXXXXXX0917 refused; RRN 519616204815, invoice INV000123456789, NEFT HDFCN52025071463819274 on 14-07-2025 11:32:08 for ₹1,77,000.00; call +XX XXXXX X3210",
    );
  });
});

describe("masking a resp-pay body", () => {
  it.each(ACCOUNT_SHAPES)("%s: no more than the last four digits survive", (_name, text, account) => {
    expect(leakedDigits(text, account), "the shape must hold the account before masking").not.toBe("");
    const masked = maskPaymentResponseText(text);
    expect(masked.changed).toBe(true);
    expect(leakedDigits(masked.text, account)).toBe("");
  });

  it("keeps identifiers, amounts, the time and every other byte as received", () => {
    const text = JSON.stringify({
      resp: { reqMsgId: "519616204815000", result: "FAILURE", errorCd: "E1", errorDtl: "UTR 519616204815 and invoice 20250714000123 refused", errorField: "" },
      b2bIds: { buyerB2BId: "123456789012", supplierB2BId: "S1" },
      payment: {
        objectId: "PMT123456789012345678901234567890123", ts: "1752473528000", utr: "519616204815", type: "x", mode: "UPI", currency: "INR",
        paymentAmount: { netPaidAmount: 999999999999.99, netAdjustmentAmount: 0, totalAmount: 999999999999.99 },
        invoicesPayInfos: [{ objectId: "INV1234567890", supplierInvoiceNumber: "20250714000123", objectVersion: { currentVersion: 2147483647 } }],
      },
      additionalInfos: [],
    }, null, 2);
    expect(maskPaymentResponseText(text)).toMatchObject({ text, changed: false, maskedPaths: [] });
  });

  it("names the path of each masked value", () => {
    const [, text] = ACCOUNT_SHAPES.find(([name]) => name === "masked field in clear")!;
    expect(maskPaymentResponseText(text).maskedPaths).toEqual(["payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber"]);
  });

  it("treats an unparseable ts as free text", () => {
    const text = '{"payment":{"ts":"73918264550917x"}}';
    expect(maskPaymentResponseText(text).text).toBe('{"payment":{"ts":"XXXXXXXXXX0917x"}}');
  });

  it("is idempotent", () => {
    for (const [, text] of ACCOUNT_SHAPES) {
      const once = maskPaymentResponseText(text).text;
      expect(maskPaymentResponseText(once).text).toBe(once);
    }
  });
});
