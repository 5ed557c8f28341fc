import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { EXAMPLES, exactPaise, fixture, postWebhook } from "./support/webhook";

const full = (objectId: string) =>
  prisma.payment.findUniqueOrThrow({
    where: { objectId },
    include: {
      invoices: { orderBy: { position: "asc" }, include: { splits: { orderBy: { position: "asc" } } } },
      additionalInfos: { orderBy: { position: "asc" } },
      deliveries: true,
    },
  });

describe("EnKash examples through the real route handler", () => {
  it.each(EXAMPLES)("accepts %s and stores its whole payment graph", async (name) => {
    const body = fixture(name);
    const answer = await postWebhook(body);
    expect(answer.status).toBe(200);
    expect(answer.body.response_code).toBe(0);
    expect(typeof answer.body.payload).toBe("string");
    expect(answer.ack).toMatchObject({ outcome: "accepted", reqMsgId: body.resp.reqMsgId });

    const payment = await full(body.payment.objectId);
    expect(payment.utr).toBe(body.payment.utr);
    expect(payment.totalPaise).toBe(exactPaise(body.payment.paymentAmount.totalAmount));
    expect(payment.netPaidPaise).toBe(exactPaise(body.payment.paymentAmount.netPaidAmount));
    expect(payment.invoices).toHaveLength(body.payment.invoicesPayInfos.length);
    expect(payment.additionalInfos.map((a) => a.name)).toEqual(body.additionalInfos.map((a: { name: string }) => a.name));
    expect(payment.deliveries).toHaveLength(1);
    expect(payment.deliveries[0]!.id).toBe(answer.ack.deliveryId);
    expect(payment.warningCount).toBe(0);
  });

  it("keeps every amount of the two-invoice NEFT example exact to the paisa", async () => {
    const payment = await full("PMTdqnE4yJHCBkEuT8ACAgLDPbcZ4bAyPkU");
    expect([payment.netPaidPaise, payment.netAdjustmentPaise, payment.totalPaise]).toEqual([16820000n, 880000n, 17700000n]);
    expect(payment.status).toBe("success");
    expect(payment.tsInstant?.toISOString()).toBe("2025-07-14T06:02:08.000Z");
    const [first, second] = payment.invoices;
    expect(first).toMatchObject({
      supplierInvoiceNumber: "SGT/2025-26/0412", currentVersion: 2, newVersion: 3, currentStatus: "ACCEPTED", newStatus: "PAID",
      invoiceDuePaise: 11800000n, invoiceTotalPaise: 11800000n, paidPaise: 11600000n, adjustmentPaise: 200000n, paymentTotalPaise: 11800000n,
      maskedAccountNumber: "XXXXXXXX7305", ifsc: "HDFC0001234", beneficiaryName: "SHREE GANESH TRADERS", businessVPA: "shreeganeshtraders@hdfcbank",
    });
    expect(first!.splits.map((s) => [s.name, s.valuePaise, s.refNo])).toEqual([["TDS_194C", 200000n, "TDS/194C/2025-26/0087"]]);
    expect(second!.splits.map((s) => [s.name, s.valuePaise])).toEqual([["CREDIT_NOTE", 590000n], ["TDS_194C", 90000n]]);
  });

  it("flags the failed IMPS payment with its error triple", async () => {
    const payment = await full("PMTLVqyoA7kQgS38bat0zjtVEtNbPlBhxP5");
    expect(payment).toMatchObject({ status: "failure", result: "FAILURE", errorCd: "E2003", errorField: "payment.invoicesPayInfos[0].objectVersion.currentVersion" });
  });

  it("accepts the founding document's placeholder example and flags it instead of rejecting", async () => {
    const body = fixture("founding-document-example.json");
    const answer = await postWebhook(body);
    expect(answer.status).toBe(200);
    expect(answer.ack.outcome).toBe("accepted");
    const payment = await full("string");
    expect(payment.totalPaise).toBe(0n);
    expect(payment.tsInstant).toBeNull();
    const codes = (JSON.parse(payment.warnings) as { code: string }[]).map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(["object-id-format", "type-unknown", "mode-unknown", "currency", "result-unknown", "ts-unparseable", "ifsc-format"]));
    expect(payment.warningCount).toBe(codes.length);
  });

  it("stores the raw body exactly as received", async () => {
    const text = JSON.stringify(fixture(EXAMPLES[2]), null, 3).replace(EXAMPLES[2], "x");
    const body = JSON.parse(text);
    body.payment.objectId = "PMTrawBodyKeptExactly0000000000000001";
    body.resp.reqMsgId = "RAW-1";
    const raw = `  ${JSON.stringify(body, null, 3)}\n`;
    const answer = await postWebhook(raw);
    const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: answer.ack.deliveryId! } });
    expect(delivery.rawBody).toBe(raw);
    expect(delivery.bodyBytes).toBe(Buffer.byteLength(raw));
    expect(delivery.sourceIp).toBe("203.0.113.7");
    expect(JSON.parse(delivery.headers)).toMatchObject({ "content-type": "application/json" });
  });
});
