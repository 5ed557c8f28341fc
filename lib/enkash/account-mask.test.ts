import { describe, expect, it } from "vitest";
import { maskAccountNumber, maskAccountNumbersInText, maskAccountsInJson } from "./account-mask";

describe("maskAccountNumber", () => {
  it("keeps only the last four digits", () => {
    expect(maskAccountNumber("50100123457305")).toBe("XXXXXXXXXX7305");
    expect(maskAccountNumber("5010 0123 4573")).toBe("XXXX XXXX 4573");
    expect(maskAccountNumber("XXXXXXXX7305")).toBe("XXXXXXXX7305");
  });
});

describe("maskAccountNumbersInText", () => {
  it("masks account members anywhere, keeping every other byte", () => {
    const raw = '{"a": 1,\n "maskedAccountNumber" : "123456789012", "account_no":"99998888", "note":"123456789012"}';
    const { text, changed } = maskAccountNumbersInText(raw);
    expect(changed).toBe(true);
    expect(text).toBe('{"a": 1,\n "maskedAccountNumber" : "XXXXXXXX9012", "account_no":"XXXX8888", "note":"123456789012"}');
  });
  it("leaves already-masked bodies untouched", () => {
    const raw = '{"maskedAccountNumber":"XXXXXXXX7305"}';
    expect(maskAccountNumbersInText(raw)).toEqual({ text: raw, changed: false });
  });
});

describe("maskAccountsInJson", () => {
  it("masks nested account members", () => {
    const { value, changed } = maskAccountsInJson({ list: [{ accountNumber: "123456789" }] });
    expect(changed).toBe(true);
    expect(value).toEqual({ list: [{ accountNumber: "XXXXX6789" }] });
  });
});
