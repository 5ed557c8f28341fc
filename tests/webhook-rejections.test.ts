import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GET, POST, PUT } from "@/app/api/v0/payment/resp-pay/route";
import { fixtureText, freshPayment, postWebhook, TEST_SECRET } from "./support/webhook";

const valid = () => JSON.stringify(freshPayment());
const edit = (mutate: (b: Record<string, any>) => void) => {
  const body = freshPayment();
  mutate(body);
  return JSON.stringify(body);
};

// [name, body, expected status, a field path the envelope must name (if any)]
const MALFORMED: [string, string, number, string?][] = [
  ["truncated JSON", valid().slice(0, 200), 400],
  ["empty body", "", 400],
  ["whitespace only", "   \n", 400],
  ["not JSON at all", "resp=1&payment=2", 400],
  ["NaN literal", valid().replace(/"totalAmount": ?177000/, '"totalAmount":NaN'), 400],
  ["trailing garbage", `${valid()} }`, 400],
  ["deep nesting", `{"resp":${"[".repeat(5000)}${"]".repeat(5000)}}`, 400],
  ["root is an array", "[]", 422, "(body)"],
  ["root is a string", '"hello"', 422, "(body)"],
  ["root is null", "null", 422, "(body)"],
  ["missing resp", edit((b) => delete b.resp), 422, "resp"],
  ["null payment", edit((b) => (b.payment = null)), 422, "payment"],
  ["missing additionalInfos", edit((b) => delete b.additionalInfos), 422, "additionalInfos"],
  ["amount as a string", edit((b) => (b.payment.paymentAmount.totalAmount = "177000.00")), 422, "payment.paymentAmount.totalAmount"],
  ["huge exponent amount (Infinity)", valid().replace(/"netPaidAmount":168200/, '"netPaidAmount":1e400'), 422, "payment.paymentAmount.netPaidAmount"],
  ["utr as a number", edit((b) => (b.payment.utr = 519616204815)), 422, "payment.utr"],
  ["invoices as an object", edit((b) => (b.payment.invoicesPayInfos = {})), 422, "payment.invoicesPayInfos"],
  ["split value as a string", edit((b) => (b.payment.invoicesPayInfos[0].invoicePaymentAmount.splits[0].value = "2000")), 422, "payment.invoicesPayInfos[0].invoicePaymentAmount.splits[0].value"],
  ["version as a fraction", edit((b) => (b.payment.invoicesPayInfos[1].objectVersion.newVersion = 3.5)), 422, "payment.invoicesPayInfos[1].objectVersion.newVersion"],
  ["errorCd missing", edit((b) => delete b.resp.errorCd), 422, "resp.errorCd"],
  ["empty reqMsgId", edit((b) => (b.resp.reqMsgId = "")), 422, "resp.reqMsgId"],
  ["escaped NUL in a string", valid().replace('"REMARKS"', '"REM\\u0000ARKS"'), 400],
  ["amount too large to store (1e308)", valid().replace(/"dueAmount":118000/, '"dueAmount":1e308'), 422, "payment.invoicesPayInfos[0].invoiceAmount.dueAmount"],
  ["version beyond 32 bits", edit((b) => (b.payment.invoicesPayInfos[0].objectVersion.newVersion = 3_000_000_000)), 422, "payment.invoicesPayInfos[0].objectVersion.newVersion"],
  ["UTR longer than an index entry", edit((b) => (b.payment.utr = "9".repeat(5000))), 422, "payment.utr"],
  ["additionalInfos value as a number", edit((b) => (b.additionalInfos[0].value = 4500012345)), 422, "additionalInfos[0].value"],
];

describe("malformed bodies", () => {
  it.each(MALFORMED)("%s → 4xx envelope naming the problem, raw delivery kept", async (_name, body, status, path) => {
    const before = await prisma.payment.count();
    const answer = await postWebhook(body);
    expect(answer.status).toBe(status);
    expect(answer.body.response_code).toBe(1);
    expect(answer.ack.outcome).toBe("rejected");
    if (path) {
      expect(answer.body.response_message).toContain(path);
      expect(answer.ack.errors?.map((e) => e.path)).toContain(path);
    }
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(delivery).toMatchObject({ outcome: "rejected", httpStatus: status, rawBody: body });
    expect(delivery.reason).toBeTruthy();
    expect(await prisma.payment.count()).toBe(before);
  });

  it("names every offending field path at once", async () => {
    const answer = await postWebhook(edit((b) => {
      b.resp.result = 1;
      b.b2bIds.buyerB2BId = null;
      b.payment.paymentAmount.netAdjustmentAmount = "0";
    }));
    expect(answer.status).toBe(422);
    expect(answer.ack.errors?.map((e) => e.path)).toEqual(["resp.result", "b2bIds.buyerB2BId", "payment.paymentAmount.netAdjustmentAmount"]);
  });

  it("keeps only a preview with every digit hidden of a body that is not text", async () => {
    const bytes = new Uint8Array([0x7b, 0x80, 0x81, 0x35, 0x30, 0x31, 0x30, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x37, 0x7d]) as Uint8Array<ArrayBuffer>;
    const answer = await postWebhook(bytes);
    expect(answer.status).toBe(400);
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(delivery).toMatchObject({ rawEncoding: "binary", rawBody: "{··XXXXXXXXXXX}", bodyBytes: 15 });
    expect(delivery.reason).toMatch(/not text/);
  });

  it("keeps a body with a raw NUL byte as text, the NUL shown as ␀ and account numbers masked", async () => {
    const body = freshPayment();
    body.payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber = "501001234573";
    const bytes = new TextEncoder().encode(JSON.stringify(body).replace('"REMARKS"', '"REM\u0000ARKS"')) as Uint8Array<ArrayBuffer>;
    const answer = await postWebhook(bytes);
    expect(answer.status).toBe(400);
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(delivery.rawEncoding).toBe("utf8+nul");
    expect(delivery.rawBody).toContain("REM\u2400ARKS");
    expect(delivery.rawBody).not.toContain("501001234573");
    expect(delivery.rawBody).toContain("XXXXXXXX4573");
  });

  it("accepts a body sent as UTF-16 and keeps it decoded, masked and flagged", async () => {
    const body = freshPayment();
    body.payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber = "501001234573";
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(body), "utf16le")]);
    const answer = await postWebhook(new Uint8Array(bytes) as Uint8Array<ArrayBuffer>);
    expect(answer.status).toBe(200);
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! }, include: { payment: true } });
    expect(delivery.rawEncoding).toBe("utf16le");
    expect(delivery.rawBody).toContain("XXXXXXXX4573");
    expect(delivery.rawBody).not.toContain("501001234573");
    expect(delivery.payment?.warnings).toContain("body-encoding");
  });

  it("decompresses a gzip body within the size cap, and refuses one that inflates beyond it", async () => {
    const body = freshPayment();
    const gzipped = new Uint8Array(gzipSync(JSON.stringify(body))) as Uint8Array<ArrayBuffer>;
    const answer = await postWebhook(gzipped, { "content-encoding": "gzip" });
    expect(answer.status).toBe(200);
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(delivery).toMatchObject({ rawEncoding: "gzip+utf8", rawBody: JSON.stringify(body), bodyBytes: gzipped.byteLength });

    const bomb = new Uint8Array(gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20))) as Uint8Array<ArrayBuffer>;
    const refused = await postWebhook(bomb);
    expect(refused.status).toBe(413);
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: refused.ack.deliveryId! } })).toMatchObject({ outcome: "rejected", rawBody: "" });
  });

  it("repairs an unpaired surrogate escape in a name and flags it, instead of failing to store", async () => {
    const body = freshPayment();
    const text = JSON.stringify(body).replace('"SHREE GANESH TRADERS"', '"SHREE \\ud800GANESH"');
    const answer = await postWebhook(text);
    expect(answer.status).toBe(200);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId } });
    expect(payment.supplierName).toBe("SHREE \uFFFDGANESH");
    expect(payment.warnings).toContain("text-repaired");
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(delivery.rawBody).toContain("\\ud800");
  });

  it("links a rejected delivery to its payment when the payment is known", async () => {
    const body = freshPayment();
    await postWebhook(body);
    body.payment.paymentAmount.totalAmount = "bad";
    const answer = await postWebhook(body);
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! }, include: { payment: true } });
    expect(delivery.payment?.objectId).toBe(body.payment.objectId);
  });
});

describe("parsing edges", () => {
  it("accepts an escaped backslash followed by the text u0000: it is not a NUL", async () => {
    const body = freshPayment();
    body.resp.errorDtl = "path C:\\u0000\\data";
    const answer = await postWebhook(body);
    expect(answer.status).toBe(200);
    expect((await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId } })).errorDtl).toBe("path C:\\u0000\\data");
  });

  it("reads null as absent where a member may be left out, and flags it", async () => {
    const body = freshPayment();
    body.payment.invoicesPayInfos[0].invoicePaymentAmount.splits = null;
    body.payment.invoicesPayInfos[1].objectVersion = null;
    body.payment.invoicesPayInfos[1].supplierBankAccountDetails.businessVPA = null;
    const answer = await postWebhook(body);
    expect(answer.status).toBe(200);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId }, include: { invoices: { include: { splits: true }, orderBy: { position: "asc" } } } });
    expect(payment.invoices[0]!.splits).toEqual([]);
    expect(payment.invoices[1]).toMatchObject({ currentVersion: null, newVersion: null, businessVPA: null });
    const warnings = JSON.parse(payment.warnings) as { code: string; path: string }[];
    expect(warnings.filter((w) => w.code === "null-as-absent").map((w) => w.path)).toEqual([
      "payment.invoicesPayInfos[0].invoicePaymentAmount.splits",
      "payment.invoicesPayInfos[1].objectVersion",
      "payment.invoicesPayInfos[1].supplierBankAccountDetails.businessVPA",
    ]);
  });

  it("still refuses null where the member is required", async () => {
    const answer = await postWebhook(edit((b) => (b.payment.paymentAmount.totalAmount = null)));
    expect(answer.status).toBe(422);
    expect(answer.ack.errors?.map((e) => e.path)).toEqual(["payment.paymentAmount.totalAmount"]);
  });

  it("names at most 50 problems, then says how many more there were", async () => {
    const answer = await postWebhook(edit((b) => (b.payment.invoicesPayInfos = Array.from({ length: 80 }, () => ({ objectVersion: { newVersion: 0.5 } })))));
    expect(answer.status).toBe(422);
    expect(answer.ack.errors).toHaveLength(51);
    expect(answer.ack.errors?.at(-1)).toEqual({ path: "(body)", message: "and 30 more problems" });
  });
});

describe("size cap", () => {
  afterEach(() => {
    delete process.env.WEBHOOK_MAX_BODY_BYTES;
  });

  it("answers 413 above the cap and records the attempt without the body", async () => {
    process.env.WEBHOOK_MAX_BODY_BYTES = "2048";
    const body = edit((b) => (b.additionalInfos = [{ name: "PAD", value: "x".repeat(4000) }]));
    const answer = await postWebhook(body);
    expect(answer.status).toBe(413);
    expect(answer.body.response_code).toBe(1);
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(delivery).toMatchObject({ outcome: "rejected", httpStatus: 413, rawBody: "" });
    expect(delivery.bodyBytes).toBeGreaterThan(2048);
  });

  it("keeps a delivery whose declared Content-Length no column could hold: 413, never 503", async () => {
    const request = new Request("http://localhost/api/v0/payment/resp-pay", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "100000000000000000000", "x-webhook-secret": TEST_SECRET },
      body: valid(),
    });
    const response = await POST(request);
    expect(response.status).toBe(413);
    const ack = JSON.parse(((await response.json()) as { payload: string }).payload) as { deliveryId: number };
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: ack.deliveryId } });
    expect(delivery).toMatchObject({ outcome: "rejected", httpStatus: 413, bodyBytes: 2 ** 31 - 1 });
    expect(delivery.reason).toMatch(/larger than/);
  });

  it("accepts a body just under the cap", async () => {
    const body = valid();
    process.env.WEBHOOK_MAX_BODY_BYTES = String(Math.max(1024, Buffer.byteLength(body)));
    expect((await postWebhook(body)).status).toBe(200);
  });
});

describe("methods", () => {
  it("answers 405 with the envelope and Allow: POST to other methods", async () => {
    for (const handler of [GET, PUT]) {
      const response = await handler();
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
      expect(((await response.json()) as { response_code: number }).response_code).toBe(1);
    }
  });
});

describe("the fixture corpus", () => {
  it("is the shared EnKash examples, unchanged", () => {
    expect(fixtureText("resp-pay-minimal-upi.json")).toContain('"utr": "519709318462"');
  });
});
