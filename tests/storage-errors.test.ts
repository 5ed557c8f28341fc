// 503 only for what a retry can fix: real errors from the database under test, classified.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { PrismaClient as SqliteClient } from "@/generated/prisma/client";
import { PrismaClient as PgClient } from "@/generated/prisma-pg/client";
import { prisma } from "@/lib/db";
import { classifyStorageError, describeStorageError } from "@/lib/ingest/errors";

async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the database to refuse");
}

const delivery = { headers: "{}", rawBody: "", bodyBytes: 1, outcome: "rejected", httpStatus: 400 };

describe("storage errors", () => {
  it("a unique-key race is retried", async () => {
    await prisma.appSetting.create({ data: { key: "race", value: "1" } });
    expect(classifyStorageError(await errorOf(() => prisma.appSetting.create({ data: { key: "race", value: "2" } })))).toBe("retry");
  });

  it("a value the database refuses however often it is sent is deterministic (a 4xx, kept)", async () => {
    const notNull = await errorOf(() => prisma.$executeRawUnsafe('INSERT INTO "AppSetting" ("key", "value", "updatedAt") VALUES (NULL, NULL, NULL)'));
    expect(classifyStorageError(notNull)).toBe("deterministic");
    const outOfRange = await errorOf(() => prisma.delivery.create({ data: { ...delivery, bodyBytes: 1e20 } }));
    expect(classifyStorageError(outOfRange)).toBe("deterministic");
    // The description names codes, never the refused value.
    expect(describeStorageError(outOfRange)).not.toMatch(/1e20|100000000000000000000/);
  });

  it("a database that cannot be reached is unavailable (503, EnKash retries)", async () => {
    const query = process.env.DATABASE_URL!.startsWith("file:")
      ? () => new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: "file:/nonexistent-dir/x.db" }) }).appSetting.findFirst()
      : () => new PgClient({ adapter: new PrismaPg({ connectionString: "postgresql://postgres@127.0.0.1:9/x", connectionTimeoutMillis: 500 }) }).appSetting.findFirst();
    expect(classifyStorageError(await errorOf(query))).toBe("unavailable");
  });
});
