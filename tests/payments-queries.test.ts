import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { generateDemoMessages } from "@/lib/demo/generate-payments";
import { listDeliveries, parseDeliveryParams } from "@/lib/deliveries/list-deliveries";
import { findPaymentsByUtr, lookupUtrs, splitUtrList } from "@/lib/payments/find-by-utr";
import { getPaymentByObjectId, INLINE_BODIES } from "@/lib/payments/get-payment";
import { listHref, parseListParams } from "@/lib/payments/list-params";
import { listPayments } from "@/lib/payments/list-payments";
import { fixture, postWebhook } from "./support/webhook";

beforeAll(async () => {
  for (const message of generateDemoMessages(130, 4, 7, new Date("2026-06-01T00:00:00Z"))) await postWebhook(message.text);
});

async function allPages(query: Record<string, string>) {
  const first = await listPayments(parseListParams({ ...query, size: "25" }));
  const pages = [first];
  for (let page = 2; page <= first.pageCount; page++) pages.push(await listPayments(parseListParams({ ...query, size: "25", page: String(page) })));
  return { total: first.total, ids: pages.flatMap((p) => p.rows.map((r) => r.objectId)) };
}

describe("listPayments", () => {
  it.each([
    [{}, "occurredAt", "desc"],
    [{ sort: "amount", dir: "asc" }, "totalPaise", "asc"],
    [{ sort: "amount", dir: "desc", result: "success" }, "totalPaise", "desc"],
  ] as const)("pages through %j in exactly the database's order, including pages read from the end", async (query, key, dir) => {
    const { total, ids } = await allPages(query);
    const where = "result" in query ? { failed: false } : {};
    const expected = await prisma.payment.findMany({ where, orderBy: [{ [key]: dir }, { id: dir }], select: { objectId: true } });
    expect(total).toBe(expected.length);
    expect(ids).toEqual(expected.map((p) => p.objectId));
  });

  it("filters by result, mode, amount range and IST date range, and sums failures in the view", async () => {
    const failures = await listPayments(parseListParams({ result: "failure" }));
    expect(failures.total).toBeGreaterThan(0);
    expect(failures.rows.every((r) => r.failed)).toBe(true);
    expect(failures.failures.count).toBe(failures.total);

    const neft = await listPayments(parseListParams({ mode: "NEFT", min: "1,00,000", max: "50,00,000" }));
    const expected = await prisma.payment.count({ where: { mode: "NEFT", totalPaise: { gte: 10_000_000n, lte: 500_000_000n } } });
    expect(neft.total).toBe(expected);

    const oneDay = await listPayments(parseListParams({ from: "2026-03-02", to: "2026-03-02" }));
    const dayCount = await prisma.payment.count({ where: { occurredAt: { gte: new Date("2026-03-01T18:30:00Z"), lt: new Date("2026-03-02T18:30:00Z") } } });
    expect(oneDay.total).toBe(dayCount);
  });

  it("clamps a page past the end to the last page", async () => {
    const page = await listPayments(parseListParams({ page: "9999", size: "25" }));
    expect(page.page).toBe(page.pageCount);
    expect(page.rows.length).toBeGreaterThan(0);
  });
});

describe("list URL state", () => {
  it("falls back to defaults for malformed values and omits defaults from links", () => {
    const params = parseListParams({ page: "-3", size: "7", sort: "drop table", dir: "up", result: "maybe", min: "abc", from: "2025-13-40", warnings: "1" });
    expect(params).toMatchObject({ page: 1, size: 50, sort: "time", dir: "desc", result: "all", min: undefined, from: undefined, warnings: "1" });
    expect(listHref(params, { page: 2 })).toBe("/payments?page=2&warnings=1");
  });
});

describe("UTR search", () => {
  it("normalises input and finds exact, prefix and substring matches", async () => {
    const { utr, objectId } = await prisma.payment.findFirstOrThrow({ where: { mode: "NEFT" }, select: { utr: true, objectId: true } });
    expect(await findPaymentsByUtr(`  ${utr.toLowerCase()} `)).toEqual({ kind: "exact", objectId });
    const prefix = await findPaymentsByUtr(utr.slice(0, 5).toLowerCase());
    expect(prefix.kind).toBe("candidates");
    if (prefix.kind === "candidates") expect(prefix.rows.every((r) => r.utr.startsWith(utr.slice(0, 5)))).toBe(true);
    const tail = await findPaymentsByUtr(utr.slice(-8));
    expect(tail.kind === "exact" || (tail.kind === "candidates" && tail.rows.some((r) => r.objectId === objectId))).toBe(true);
    expect(await findPaymentsByUtr("ZZZZ-NOT-THERE")).toEqual({ kind: "none", deliveries: [] });
  });

  it("treats LIKE wildcards in the input as text, not as patterns", async () => {
    for (const input of ["%%%%", "____", `%${"0".repeat(3)}%`, "\\\\"]) {
      expect(await findPaymentsByUtr(input), input).toEqual({ kind: "none", deliveries: [] });
    }
  });

  it("bulk lookup splits pasted text and reports found / failed / not found", async () => {
    const ok = await prisma.payment.findFirstOrThrow({ where: { failed: false }, select: { utr: true } });
    const bad = await prisma.payment.findFirstOrThrow({ where: { failed: true }, select: { utr: true } });
    const inputs = splitUtrList(`${ok.utr}\n${bad.utr.toLowerCase()},  NOPE ;${ok.utr}`);
    expect(inputs).toHaveLength(3);
    const rows = await lookupUtrs(inputs);
    expect(rows.map((r) => r.status)).toEqual(["found", expect.stringMatching(/failed|found/), "not-found"]);
  });
});

describe("a payment's delivery history", () => {
  it("carries raw bodies for the newest deliveries only, counts them all, and the log filters by payment", async () => {
    const body = fixture("resp-pay-success-two-invoices-neft.json");
    body.payment.objectId = "PMTmanyRetries0000000000000000000001";
    body.resp.reqMsgId = "RETRIED-MANY-TIMES";
    const retries = INLINE_BODIES + 5;
    for (let i = 0; i < retries; i++) expect((await postWebhook(body)).status).toBe(200);
    const rejected = await postWebhook({ ...body, payment: { ...body.payment, paymentAmount: null } });
    expect(rejected.status).toBe(422);

    const detail = (await getPaymentByObjectId(body.payment.objectId))!;
    expect(detail.deliveryCount).toBe(retries + 1);
    expect(detail.deliveries.map((d) => d.outcome)).toEqual(["rejected", ...Array(retries - 1).fill("duplicate"), "accepted"]);
    expect(detail.deliveries.filter((d) => "body" in d).map((d) => d.id)).toEqual(detail.deliveries.slice(0, INLINE_BODIES).map((d) => d.id));

    const log = await listDeliveries(parseDeliveryParams({ objectId: ` ${body.payment.objectId} `, size: "10" }));
    expect(log.rows).toHaveLength(10);
    expect(log.rows.every((d) => d.objectId === body.payment.objectId)).toBe(true);
    expect(log.rows[0]!.outcome).toBe("rejected");
    const older = await listDeliveries(parseDeliveryParams({ objectId: body.payment.objectId, before: String(log.nextBefore), size: "200" }));
    expect(log.rows.length + older.rows.length).toBe(retries + 1);
  });
});
