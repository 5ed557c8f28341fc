// Value checks on a structurally valid body (§7 "accept and flag"). Each finding is a warning
// stored with the payment; in strict mode (WEBHOOK_STRICT) the sibling-documented ones reject.
import type { PaymentResponse } from "./schema";
import { rupeesToPaise } from "../money";
import { isTrustedTs, parseEnkashTs, TS_FUTURE_TOLERANCE_MS } from "../time";

export interface Warning {
  code: string;
  path: string;
  message: string;
  /** Documented on a sibling EnKash page (Pay Invoices etc.): strict mode rejects it. */
  sibling: boolean;
}

export const PAYMENT_TYPES = ["ONPLATFORM", "OFFPLATFORM"] as const;
export const PAYMENT_MODES = [
  "INTERNET BANKING", "DEBIT CARD", "CREDIT CARD", "IMPS", "CASH", "UPI",
  "WALLET", "NEFT", "PREPAID CARD", "ACCOUNT TRANSFER", "CHEQUE",
] as const;
export const KNOWN_RESULTS = ["SUCCESS", "FAILURE"] as const;
/** Warnings that say a payment's amounts do not add up, or that a currency is not INR. */
export const INTEGRITY_WARNINGS: ReadonlySet<string> = new Set(["amount-arithmetic", "invoices-sum", "splits-sum", "currency"]);

const B2B_ID = /^[^\\"]{1,100}$/;
const UTR = /^[^\\"]{1,50}$/;
const PAYMENT_OBJECT_ID = /^PMT[A-Za-z0-9]{32}$/;
const IFSC = /^[A-Z]{4}0[A-Z0-9]{6}$/;
const MASKED_ACCOUNT = /^[Xx*]+\d{4}$/;

type Amounts = { netPaidAmount?: number; netAdjustmentAmount?: number; totalAmount?: number };

/** Value checks of a (masked) body received at `receivedAt`. */
export function checkPaymentResponse(body: PaymentResponse, receivedAt: Date): Warning[] {
  const out: Warning[] = [];
  const flag = (code: string, path: string, message: string, sibling = false) =>
    out.push({ code, path, message, sibling });
  const { resp, b2bIds, payment } = body;

  // Sibling-documented patterns and enums (Pay Invoices, Payment Request webhook).
  for (const key of ["buyerB2BId", "supplierB2BId"] as const) {
    if (!B2B_ID.test(b2bIds[key])) flag("b2b-id-format", `b2bIds.${key}`, "should be 1–100 characters without \" or \\", true);
  }
  if (!PAYMENT_OBJECT_ID.test(payment.objectId)) flag("object-id-format", "payment.objectId", "should be PMT followed by 32 letters or digits", true);
  if (!UTR.test(payment.utr)) flag("utr-format", "payment.utr", "should be 1–50 characters without \" or \\", true);
  if (!(PAYMENT_TYPES as readonly string[]).includes(payment.type)) flag("type-unknown", "payment.type", `"${payment.type}" is not ONPLATFORM or OFFPLATFORM`, true);
  if (!(PAYMENT_MODES as readonly string[]).includes(payment.mode)) flag("mode-unknown", "payment.mode", `"${payment.mode}" is not a documented payment mode`, true);
  checkCurrency(flag, "payment.currency", payment.currency);
  checkCurrency(flag, "payment.paymentAmount.currency", payment.paymentAmount.currency);

  // Inferred checks: result and error fields.
  if (!(KNOWN_RESULTS as readonly string[]).includes(resp.result)) flag("result-unknown", "resp.result", `"${resp.result}" is neither SUCCESS nor FAILURE`);
  if (resp.result === "SUCCESS" && (resp.errorCd || resp.errorDtl || resp.errorField)) flag("success-with-error", "resp.errorCd", "result is SUCCESS but error fields are filled");
  if (resp.result === "FAILURE" && !resp.errorCd) flag("failure-without-code", "resp.errorCd", "result is FAILURE but no error code was sent");

  const ts = parseEnkashTs(payment.ts);
  if (!ts.ok) flag("ts-unparseable", "payment.ts", `"${payment.ts}" is not a recognised timestamp; this message is ordered by the time it was received`);
  else {
    if (ts.assumedIst) flag("ts-no-offset", "payment.ts", "timestamp has no UTC offset; IST assumed");
    if (!isTrustedTs(ts.instant, receivedAt)) {
      const minutes = TS_FUTURE_TOLERANCE_MS / 60_000;
      flag("ts-future", "payment.ts", `is more than ${minutes} minutes after the message was received; it is ordered by the time it was received, and cannot hold back later messages`);
    }
  }

  // Amounts: precision, sign and arithmetic.
  const paymentTotals = checkAmounts(flag, "payment.paymentAmount", payment.paymentAmount);
  if (payment.invoicesPayInfos.length === 0) flag("no-invoices", "payment.invoicesPayInfos", "payment covers no invoice");
  const sums = { paid: 0n, adjustment: 0n, total: 0n };
  let invoiceAmountsComplete = true;
  payment.invoicesPayInfos.forEach((invoice, i) => {
    const base = `payment.invoicesPayInfos[${i}]`;
    if (invoice.invoiceAmount) {
      amountChecks(flag, `${base}.invoiceAmount.dueAmount`, invoice.invoiceAmount.dueAmount);
      amountChecks(flag, `${base}.invoiceAmount.totalAmount`, invoice.invoiceAmount.totalAmount);
      checkCurrency(flag, `${base}.invoiceAmount.currency`, invoice.invoiceAmount.currency);
    }
    const ipa = invoice.invoicePaymentAmount;
    if (!ipa) {
      invoiceAmountsComplete = false;
      flag("invoice-amount-missing", `${base}.invoicePaymentAmount`, "invoice has no payment amount");
    } else {
      checkCurrency(flag, `${base}.invoicePaymentAmount.currency`, ipa.currency);
      const t = checkAmounts(flag, `${base}.invoicePaymentAmount`, ipa);
      if (t.paid === null || t.adjustment === null || t.total === null) invoiceAmountsComplete = false;
      else {
        sums.paid += t.paid;
        sums.adjustment += t.adjustment;
        sums.total += t.total;
      }
      const splits = ipa.splits ?? [];
      let splitSum = 0n;
      splits.forEach((split, j) => {
        const p = amountChecks(flag, `${base}.invoicePaymentAmount.splits[${j}].value`, split.value);
        splitSum += p ?? 0n;
      });
      if (splits.length > 0 && t.adjustment !== null && splitSum !== t.adjustment) {
        flag("splits-sum", `${base}.invoicePaymentAmount.splits`, "splits do not add up to netAdjustmentAmount");
      }
    }
    const bank = invoice.supplierBankAccountDetails;
    if (bank?.ifsc !== undefined && !IFSC.test(bank.ifsc)) flag("ifsc-format", `${base}.supplierBankAccountDetails.ifsc`, "is not an IFSC (4 letters, 0, 6 letters or digits)");
    // The body is masked before checks run: an unmasked number is reported by ingest (account-masked).
    if (bank?.maskedAccountNumber !== undefined && !MASKED_ACCOUNT.test(bank.maskedAccountNumber)) {
      flag("account-mask-format", `${base}.supplierBankAccountDetails.maskedAccountNumber`, "is not in the XXXXXXXX1234 form");
    }
  });
  if (invoiceAmountsComplete && payment.invoicesPayInfos.length > 0) {
    const mismatch = (["paid", "adjustment", "total"] as const).filter((k) => paymentTotals[k] !== null && paymentTotals[k] !== sums[k]);
    if (mismatch.length > 0) flag("invoices-sum", "payment.invoicesPayInfos", `invoice amounts do not add up to the payment amount (${mismatch.join(", ")})`);
  }
  return out;
}

type Flag = (code: string, path: string, message: string, sibling?: boolean) => void;

function checkCurrency(flag: Flag, path: string, currency: string | undefined) {
  if (currency !== undefined && currency !== "INR") flag("currency", path, `"${currency}" is not INR`, true);
}

function amountChecks(flag: Flag, path: string, value: number | undefined): bigint | null {
  if (value === undefined) return null;
  const parsed = rupeesToPaise(value);
  if (parsed.subPaise) flag("sub-paise", path, `${parsed.decimal} has more than two decimals; stored rounded to the paisa`);
  if (parsed.paise < 0n) flag("negative-amount", path, "is negative");
  return parsed.paise;
}

function checkAmounts(flag: Flag, base: string, a: Amounts) {
  const paid = amountChecks(flag, `${base}.netPaidAmount`, a.netPaidAmount);
  const adjustment = amountChecks(flag, `${base}.netAdjustmentAmount`, a.netAdjustmentAmount);
  const total = amountChecks(flag, `${base}.totalAmount`, a.totalAmount);
  if (paid !== null && adjustment !== null && total !== null && paid + adjustment !== total) {
    flag("amount-arithmetic", `${base}.totalAmount`, "is not netPaidAmount + netAdjustmentAmount");
  }
  return { paid, adjustment, total };
}
