// A database written by the previous version (account numbers in free text, plain SHA-256 content
// hashes, the `failed` flag) is brought up to today's rules by the migrations and `npm run migrate`.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { dropDatabase, ensureDatabase, runSql, withDatabase } from "@/lib/postgres-admin";
import { leakedDigits } from "./support/account-shapes";
import { fixture, TEST_SECRET } from "./support/webhook";

const LAST_OLD_MIGRATION = "20261125182738_covering_list_indexes";
const migratedUrl = process.env.DATABASE_URL!;
const postgres = !migratedUrl.startsWith("file:");
const dir = path.resolve(postgres ? "prisma/postgresql/migrations" : "prisma/migrations");
const migrations = readdirSync(dir).filter((n) => /^\d/.test(n)).sort();
const sqlOf = (name: string) => readFileSync(path.join(dir, name, "migration.sql"), "utf8");

const FREE_TEXT_ACCOUNT = "73918264550917";
const PAIR_ACCOUNT = "84629175360428";

// The previous version's rows, as it wrote them: the masked field masked, free text not.
const body = fixture("resp-pay-success-two-invoices-neft.json");
body.resp.errorDtl = `credit to ${FREE_TEXT_ACCOUNT} confirmed`;
body.additionalInfos.push({ name: "Beneficiary Account", value: PAIR_ACCOUNT });
const raw = JSON.stringify(body);
const at = "2025-07-14T06:10:00.000+00:00";
const OLD_ROWS = `
  INSERT INTO "Payment" ("id", "objectId", "reqMsgId", "result", "failed", "errorCd", "errorDtl", "errorField", "buyerB2BId", "supplierB2BId", "supplierName",
    "ts", "tsInstant", "occurredAt", "type", "mode", "utr", "utrNormalized", "currency", "netPaidPaise", "netAdjustmentPaise", "totalPaise", "amountCurrency",
    "invoiceCount", "warnings", "warningCount", "firstReceivedAt", "updatedAt")
  VALUES (1, '${body.payment.objectId}', '${body.resp.reqMsgId}', 'SUCCESS', FALSE, '', 'credit to ${FREE_TEXT_ACCOUNT} confirmed', '', 'B', 'S', 'SHREE GANESH TRADERS',
    '${body.payment.ts}', '2025-07-14T06:02:08.000+00:00', '2025-07-14T06:02:08.000+00:00', 'ONPLATFORM', 'NEFT', '${body.payment.utr}', '${body.payment.utr}', 'INR',
    16820000, 880000, 17700000, 'INR', 2, '[]', 0, '${at}', '${at}');
  INSERT INTO "AdditionalInfo" ("paymentId", "position", "name", "value") VALUES (1, 2, 'Beneficiary Account', '${PAIR_ACCOUNT}');
  INSERT INTO "Delivery" ("receivedAt", "sourceIp", "headers", "rawBody", "rawEncoding", "rawMasked", "bodyBytes", "outcome", "httpStatus", "reason",
    "contentHash", "messageKey", "objectId", "reqMsgId", "utrNormalized", "paymentId")
  VALUES ('${at}', '203.0.113.7', '{"user-agent":"bank a/c ${PAIR_ACCOUNT}"}', '${raw}', 'utf8', FALSE, ${raw.length}, 'accepted', 200, NULL,
    'f00dfeed', '${body.payment.objectId} ${body.resp.reqMsgId}', '${body.payment.objectId}', '${body.resp.reqMsgId}', '${body.payment.utr}', 1);
  INSERT INTO "Delivery" ("receivedAt", "headers", "rawBody", "rawEncoding", "rawMasked", "bodyBytes", "outcome", "httpStatus", "reason")
  VALUES ('${at}', '{}', '${Buffer.from(`{"acct": "${FREE_TEXT_ACCOUNT}"\u0000}`, "latin1").toString("base64")}', 'base64', FALSE, 30, 'rejected', 400, 'body is not valid UTF-8');`;

async function databaseAtPreviousVersion(): Promise<string> {
  const old = migrations.slice(0, migrations.indexOf(LAST_OLD_MIGRATION) + 1);
  if (!postgres) {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "upgrade-")), "old.db");
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    for (const name of old) db.exec(sqlOf(name));
    db.exec(OLD_ROWS);
    for (const name of migrations.slice(old.length)) db.exec(sqlOf(name));
    db.close();
    return `file:${file}`;
  }
  const url = withDatabase(migratedUrl, `pd_upgrade_${process.pid}`);
  await dropDatabase(url);
  await ensureDatabase(url);
  for (const name of old) await runSql(url, sqlOf(name));
  await runSql(url, OLD_ROWS);
  await runSql(url, `SELECT setval(pg_get_serial_sequence('"Payment"', 'id'), 1)`);
  for (const name of migrations.slice(old.length)) await runSql(url, sqlOf(name));
  return url;
}

afterAll(async () => {
  process.env.DATABASE_URL = migratedUrl;
  if (postgres) await dropDatabase(withDatabase(migratedUrl, `pd_upgrade_${process.pid}`));
});

describe("upgrading stored data", () => {
  it("masks what earlier rules let through, drops the old hashes, and keeps duplicates recognised", async () => {
    process.env.DATABASE_URL = await databaseAtPreviousVersion();
    vi.resetModules();
    const { bringStoredDataUpToDate } = await import("@/lib/maintenance/stored-data");
    const { prisma } = await import("@/lib/db");
    const { POST } = await import("@/app/api/v0/payment/resp-pay/route");

    const progress: number[] = [];
    expect(await bringStoredDataUpToDate((done) => progress.push(done))).toEqual({ deliveries: 2, payments: 1 });
    expect(progress).toEqual([2]);

    const everything = JSON.stringify(
      await Promise.all([prisma.delivery.findMany(), prisma.payment.findMany(), prisma.additionalInfo.findMany(), prisma.paymentMessage.findMany()]),
      (_k, v) => (typeof v === "bigint" ? v.toString() : v),
    );
    for (const account of [FREE_TEXT_ACCOUNT, PAIR_ACCOUNT]) expect(leakedDigits(everything, account)).toBe("");
    expect(everything).not.toContain("f00dfeed");

    const payment = await prisma.payment.findUniqueOrThrow({ where: { objectId: body.payment.objectId } });
    expect(payment).toMatchObject({ status: "success", tsTrusted: true, errorDtl: "credit to XXXXXXXXXX0917 confirmed" });
    const binary = await prisma.delivery.findFirstOrThrow({ where: { outcome: "rejected" } });
    expect(binary).toMatchObject({ rawEncoding: "binary", rawBody: '{"acct": "XXXXXXXXXXXXXX"·}' });

    // A retry, after the upgrade, of the message received before it.
    const headers = { "content-type": "application/json", "x-webhook-secret": TEST_SECRET };
    const response = await POST(new Request("http://localhost/api/v0/payment/resp-pay", { method: "POST", body: raw, headers }));
    expect(JSON.parse(((await response.json()) as { payload: string }).payload)).toMatchObject({ outcome: "duplicate" });

    // The supplier and buyer directory: the stored row's ids (the migration's backfill) and the ids of
    // the payment rebuilt from its body; the supplier's bank accounts from the rebuilt invoices; the
    // message has its timeline summary.
    const parties = await prisma.party.findMany({ select: { kind: true, b2bId: true, name: true, searchText: true } });
    expect(parties).toEqual(expect.arrayContaining([
      { kind: "buyer", b2bId: "B", name: null, searchText: "b" },
      { kind: "supplier", b2bId: "S", name: "SHREE GANESH TRADERS", searchText: "s shree ganesh traders" },
      expect.objectContaining({ kind: "supplier", b2bId: body.b2bIds.supplierB2BId }),
      expect.objectContaining({ kind: "buyer", b2bId: body.b2bIds.buyerB2BId }),
    ]));
    const accounts = await prisma.supplierAccount.findMany({ select: { supplierB2BId: true, maskedAccountNumber: true, ifsc: true } });
    expect(accounts.length).toBeGreaterThan(0);
    expect(accounts.every((a) => a.supplierB2BId === body.b2bIds.supplierB2BId && /^X+\d{4}$/.test(a.maskedAccountNumber))).toBe(true);
    expect(await prisma.paymentMessage.findFirstOrThrow()).toMatchObject({ status: "success", result: "SUCCESS", totalPaise: 17700000n, utr: body.payment.utr });

    // Once done, it is not done again.
    expect(await bringStoredDataUpToDate()).toEqual({ deliveries: 0, payments: 0 });
    await prisma.$disconnect();
  });
});
