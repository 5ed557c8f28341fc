// Account numbers, whatever shape they arrive in, never land anywhere in full: not in any table,
// not in the webhook's answer, not in the log.
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { canonicalJson, sha256Hex } from "@/lib/canonical-json";
import { prisma } from "@/lib/db";
import { ACCOUNT_SHAPES, ACCOUNTS, leakedDigits } from "./support/account-shapes";
import { freshPayment, postWebhook } from "./support/webhook";

const json = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));

/** Every row of every table, as text. */
async function everythingStored(): Promise<string> {
  const tables = await Promise.all([
    prisma.delivery.findMany(),
    prisma.payment.findMany(),
    prisma.paymentMessage.findMany(),
    prisma.invoicePayInfo.findMany(),
    prisma.invoiceSplit.findMany(),
    prisma.additionalInfo.findMany(),
    prisma.appSetting.findMany(),
  ]);
  return json(tables);
}

let logged: string[] = [];
beforeEach(() => {
  logged = [];
  process.env.LOG_LEVEL = "info";
  for (const level of ["log", "warn", "error"] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
});
afterEach(() => {
  process.env.LOG_LEVEL = "silent";
  vi.restoreAllMocks();
});

/** A copy of a shape's body with fresh ids, so every case is a payment of its own. */
function withFreshIds(text: string, n: number): string {
  return text.replaceAll("PMTdqnE4yJHCBkEuT8ACAgLDPbcZ4bAyPkU", `PMTshape${String(n).padStart(27, "0")}`).replaceAll("HDFCN52025071463819274", `SHAPEUTR${n}`);
}

describe("an account number, whatever its shape", () => {
  it.each(ACCOUNT_SHAPES.map((shape, i) => [...shape, i] as const))("%s: never stored, answered or logged in full", async (_name, text, account, i) => {
    const answer = await postWebhook(withFreshIds(text, i), { "x-request-id": `acct-${ACCOUNTS[2]}`, "user-agent": `EnKash/1.0 (a/c ${ACCOUNTS[2]})` });
    expect(answer.status).toBeLessThan(500);
    const seen = [json(answer.body), json(answer.ack), await everythingStored(), ...logged].join("\n");
    expect(leakedDigits(seen, account)).toBe("");
    expect(leakedDigits(seen, ACCOUNTS[2])).toBe("");
  });

  it("in a gzip-compressed body", async () => {
    const body = freshPayment();
    body.payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber = ACCOUNTS[0];
    const answer = await postWebhook(new Uint8Array(gzipSync(JSON.stringify(body))) as Uint8Array<ArrayBuffer>, { "content-encoding": "gzip" });
    expect(answer.status).toBe(200);
    expect(leakedDigits(await everythingStored(), ACCOUNTS[0])).toBe("");
  });

  it("in a UTF-16 body that does not parse", async () => {
    const text = `{"resp": {"note": "a/c ${ACCOUNTS[1]}"`;
    const answer = await postWebhook(new Uint8Array(Buffer.from(text, "utf16le")) as Uint8Array<ArrayBuffer>);
    expect(answer.status).toBe(400);
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(delivery.rawEncoding).toBe("utf16le");
    expect(delivery.rawBody).toBe(`{"resp": {"note": "a/c XXXXXXXXXX0428"`);
  });

  it("in a body refused before it is read as JSON (wrong secret)", async () => {
    const body = freshPayment();
    body.additionalInfos.push({ name: "Account", value: ACCOUNTS[0] });
    const answer = await postWebhook(body, { "X-Webhook-Secret": "wrong" });
    expect(answer.status).toBe(401);
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(leakedDigits(json(delivery), ACCOUNTS[0])).toBe("");
    expect(delivery.rawBody).toContain("XXXXXXXXXX0917");
  });

  it("keeps the UTR, ids, amounts and references that free text quotes", async () => {
    const body = freshPayment();
    body.payment.utr = "519616204815";
    body.resp.errorDtl = `UTR 519616204815 for invoice ${body.payment.invoicesPayInfos[0].supplierInvoiceNumber}, NEFT ref HDFCN52025071463819274`;
    const answer = await postWebhook(body);
    expect(answer.status).toBe(200);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId }, include: { additionalInfos: true } });
    expect(payment.errorDtl).toBe(body.resp.errorDtl);
    expect(payment.utr).toBe("519616204815");
    expect(payment.additionalInfos.find((a) => a.name === "PO_NUMBER")?.value).toBe("4500012345");
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(delivery.rawMasked).toBe(false);
    expect(delivery.rawBody).toBe(JSON.stringify(body));
  });
});

describe("the fingerprint kept for duplicate detection", () => {
  it("is computed over the masked body: it holds nothing that masking hides", async () => {
    const first = freshPayment();
    first.payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber = ACCOUNTS[0];
    const answer = await postWebhook(first);
    expect(answer.ack.outcome).toBe("accepted");

    // Neither the hash of the body as sent nor that of any part of it is stored anywhere.
    const stored = await everythingStored();
    expect(stored).not.toContain(sha256Hex(canonicalJson(first)));
    expect(stored).not.toContain(sha256Hex(JSON.stringify(first)));

    // The same message with other hidden digits (same last four) is the same message: the
    // fingerprint cannot tell them apart, so it cannot be used to guess them.
    const guess = structuredClone(first);
    guess.payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber = `1111111111${ACCOUNTS[0].slice(-4)}`;
    expect((await postWebhook(guess)).ack.outcome).toBe("duplicate");
    const masked = structuredClone(first);
    masked.payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber = `XXXXXXXXXX${ACCOUNTS[0].slice(-4)}`;
    const message = await prisma.paymentMessage.findFirstOrThrow({ where: { payment: { objectId: first.payment.objectId } } });
    expect(message.fingerprint).toBe(sha256Hex(canonicalJson(masked)));
  });
});
