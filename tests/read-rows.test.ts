// Plain-SQL reads (lib/read-rows.ts): the export's rows come back with the same types and exact
// values as Prisma reads them, on either database, and its batch query runs on a list index.
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { databaseKind } from "@/lib/database-url";
import { prisma } from "@/lib/db";
import { paymentBatch } from "@/lib/export/payment-export";
import { parseListParams } from "@/lib/payments/list-params";
import { readRows } from "@/lib/read-rows";
import { freshPayment, postWebhook } from "./support/webhook";

const BEYOND_DOUBLE = 2n ** 53n + 1n; // not a JavaScript number: read as a number it would end in …992
let objectId: string;

beforeAll(async () => {
  const body = freshPayment();
  objectId = body.payment.objectId;
  expect((await postWebhook(body)).status).toBe(200);
  await prisma.payment.update({ where: { objectId }, data: { totalPaise: BEYOND_DOUBLE, supplierName: null, hadFailure: true } });
});

const COLUMNS = { id: "int", occurredAt: "date", totalPaise: "bigint", supplierName: "text?", hadFailure: "boolean", amountChanged: "boolean", invoiceCount: "int" } as const;

describe("readRows", () => {
  it("reads exact integers, instants, flags and NULLs as Prisma does", async () => {
    const stored = await prisma.payment.findUniqueOrThrow({ where: { objectId }, select: { id: true, occurredAt: true, invoiceCount: true, amountChanged: true } });
    const [row] = await readRows(Prisma.sql`SELECT "id", "occurredAt", "totalPaise", "supplierName", "hadFailure", "amountChanged", "invoiceCount" FROM "Payment" WHERE "objectId" = ${objectId}`, COLUMNS);
    expect(row).toEqual({ ...stored, totalPaise: BEYOND_DOUBLE, supplierName: null, hadFailure: true });
    expect(row!.occurredAt).toBeInstanceOf(Date);
  });

  it("binds instants, amounts and flags so that they compare with what Prisma stored", async () => {
    const stored = await prisma.payment.findUniqueOrThrow({ where: { objectId }, select: { id: true, occurredAt: true } });
    const query = Prisma.sql`SELECT "id", "occurredAt", "totalPaise", "supplierName", "hadFailure", "amountChanged", "invoiceCount" FROM "Payment"
      WHERE "occurredAt" = ${stored.occurredAt} AND "totalPaise" = ${BEYOND_DOUBLE} AND "hadFailure" = ${true}`;
    expect((await readRows(query, COLUMNS)).map((r) => r.id)).toEqual([stored.id]);
    const later = new Date(stored.occurredAt.getTime() + 1);
    expect(await readRows(Prisma.sql`SELECT "id" FROM "Payment" WHERE "id" = ${stored.id} AND "occurredAt" >= ${later}`, { id: "int" })).toEqual([]);
  });

  it("refuses a NULL where the caller expects a value", async () => {
    await expect(readRows(Prisma.sql`SELECT "supplierName" FROM "Payment" WHERE "objectId" = ${objectId}`, { supplierName: "text" })).rejects.toThrow("a text column read NULL");
  });

  it("stays right past the number of statements it keeps prepared", async () => {
    for (let n = 1; n <= 80; n++) {
      const rows = await readRows(Prisma.sql`SELECT ${Prisma.raw(String(n))} AS "n", "objectId" FROM "Payment" WHERE "objectId" = ${objectId}`, { n: "int", objectId: "text" });
      expect(rows).toEqual([{ n, objectId }]);
    }
  });
});

describe("the export's batch query", () => {
  it.runIf(databaseKind() === "sqlite").each([[{}], [{ sort: "amount", dir: "asc" }], [{ result: "failure" }], [{ mode: "NEFT", supplier: "SUPPLIER1" }]])(
    "reads %j in order from a list index, with no sort of its own",
    async (query) => {
      const last = { id: 1, occurredAt: new Date("2026-06-01T00:00:00Z"), totalPaise: 100n };
      for (const after of [null, last]) {
        const batch = paymentBatch(parseListParams(query), after);
        const plan = (await prisma.$queryRaw<{ detail: string }[]>(Prisma.sql`EXPLAIN QUERY PLAN ${batch}`)).map((r) => r.detail).join("\n");
        expect(plan).toMatch(/USING (COVERING )?INDEX/);
        expect(plan).not.toContain("TEMP B-TREE");
      }
    },
  );
});
