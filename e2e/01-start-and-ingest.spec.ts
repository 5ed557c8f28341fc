// The README's start command on a fresh database: migrations applied, endpoint served,
// every EnKash example stored with its whole payment graph and exact amounts.
import { expect, test } from "@playwright/test";
import { EXAMPLES, exampleText, queryServer, serverDatabaseKind } from "./support";

test("health reports the app and its database up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: { status: "up", kind: serverDatabaseKind() } });
});

for (const name of EXAMPLES) {
  test(`accepts ${name} over HTTP and stores its graph exactly`, async ({ request }) => {
    const text = exampleText(name);
    const body = JSON.parse(text);
    const response = await request.post("/api/v0/payment/resp-pay", { data: text, headers: { "content-type": "application/json", "x-webhook-secret": process.env.E2E_WEBHOOK_SECRET! } });
    expect(response.status()).toBe(200);
    const envelope = await response.json();
    expect(envelope).toMatchObject({ response_code: 0 });
    expect(JSON.parse(envelope.payload)).toMatchObject({ outcome: "accepted", reqMsgId: body.resp.reqMsgId });

    // From the decimal text, never float arithmetic: exact to the paisa.
    const cents = (rupees: number) => {
      const [whole = "0", fraction = ""] = String(rupees).split(".");
      return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
    };
    const [payment] = await queryServer('SELECT * FROM "Payment" WHERE "objectId" = ?', [body.payment.objectId]);
    expect(payment!.totalPaise).toBe(cents(body.payment.paymentAmount.totalAmount));
    expect(payment!.netPaidPaise).toBe(cents(body.payment.paymentAmount.netPaidAmount));
    expect(payment!.netAdjustmentPaise).toBe(cents(body.payment.paymentAmount.netAdjustmentAmount));
    const invoices = await queryServer('SELECT * FROM "InvoicePayInfo" WHERE "paymentId" = ? ORDER BY "position"', [payment!.id]);
    expect(invoices.map((i) => i.supplierInvoiceNumber)).toEqual(body.payment.invoicesPayInfos.map((i: any) => i.supplierInvoiceNumber));
    expect(invoices.map((i) => i.paidPaise)).toEqual(body.payment.invoicesPayInfos.map((i: any) => cents(i.invoicePaymentAmount.netPaidAmount)));
    const splits = await queryServer<{ valuePaise: bigint }>(
      'SELECT s."valuePaise" FROM "InvoiceSplit" s JOIN "InvoicePayInfo" i ON i."id" = s."invoiceId" WHERE i."paymentId" = ? ORDER BY i."position", s."position"',
      [payment!.id],
    );
    expect(splits.map((s) => s.valuePaise)).toEqual(body.payment.invoicesPayInfos.flatMap((i: any) => i.invoicePaymentAmount.splits.map((s: any) => cents(s.value))));
    const infos = await queryServer('SELECT "name", "value" FROM "AdditionalInfo" WHERE "paymentId" = ? ORDER BY "position"', [payment!.id]);
    expect(infos).toEqual(body.additionalInfos);
    const deliveries = await queryServer('SELECT "rawBody", "outcome" FROM "Delivery" WHERE "paymentId" = ?', [payment!.id]);
    expect(deliveries).toEqual([{ rawBody: text, outcome: "accepted" }]);
  });
}

test("a malformed body gets a 4xx envelope naming the field, over real HTTP", async ({ request }) => {
  const body = JSON.parse(exampleText(EXAMPLES[2]!));
  body.payment.paymentAmount = null;
  const response = await request.post("/api/v0/payment/resp-pay", { data: JSON.stringify(body), headers: { "content-type": "application/json", "x-webhook-secret": process.env.E2E_WEBHOOK_SECRET! } });
  expect(response.status()).toBe(422);
  const envelope = await response.json();
  expect(envelope.response_code).toBe(1);
  expect(envelope.response_message).toContain("payment.paymentAmount");
});

test("a body over the cap is refused with 413 before it is read", async ({ request }) => {
  const response = await request.post("/api/v0/payment/resp-pay", { data: "x".repeat(1024 * 1024 + 10), headers: { "content-type": "application/json", "x-webhook-secret": process.env.E2E_WEBHOOK_SECRET! } });
  expect(response.status()).toBe(413);
});

test("the webhook refuses a delivery without the secret, and keeps it", async ({ request }) => {
  const response = await request.post("/api/v0/payment/resp-pay", { data: exampleText(EXAMPLES[2]!), headers: { "content-type": "application/json" } });
  expect(response.status()).toBe(401);
  const envelope = await response.json();
  expect(envelope.response_code).toBe(1);
  const [kept] = await queryServer<{ auth: string; httpStatus: bigint }>('SELECT "auth", "httpStatus" FROM "Delivery" WHERE "id" = ?', [JSON.parse(envelope.payload).deliveryId]);
  expect(kept).toEqual({ auth: "refused", httpStatus: 401n });
});
