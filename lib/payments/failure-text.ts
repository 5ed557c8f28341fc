// Failures in plain words for finance staff: what failed, why, and which field.

/** "payment.invoicesPayInfos[0].objectVersion.currentVersion" → "Invoice 1 › object version › current version". */
export function humanizeFieldPath(path: string): string {
  if (!path.trim()) return "";
  return path
    .replace(/^payment\./, "")
    .split(".")
    .map((part) => {
      const indexed = /^(\w+)\[(\d+)\]$/.exec(part);
      const name = indexed ? indexed[1]! : part;
      const words = LABELS[name] ?? name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/B2 B/g, "B2B").toLowerCase();
      return indexed ? `${words} ${Number(indexed[2]) + 1}` : words;
    })
    .join(" › ")
    .replace(/^./, (c) => c.toUpperCase());
}

const LABELS: Record<string, string> = {
  invoicesPayInfos: "invoice",
  splits: "split",
  supplierBankAccountDetails: "supplier bank account",
  maskedAccountNumber: "account number",
  ifsc: "IFSC",
  businessVPA: "UPI VPA",
  utr: "UTR",
  paymentAmount: "payment amount",
  objectId: "id",
};

export function describeFailure(p: { result: string; errorCd: string; errorDtl: string; errorField: string }): string {
  const what = p.errorDtl.trim() || (p.errorCd ? `error ${p.errorCd}` : `result ${p.result || "(empty)"}`);
  const field = humanizeFieldPath(p.errorField);
  return `${what}${field ? ` (field: ${field})` : ""}`;
}
