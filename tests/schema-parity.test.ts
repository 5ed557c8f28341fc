// One model, two databases: the PostgreSQL schema, client and migrations must describe exactly
// what the SQLite ones do. The PostgreSQL pass also runs
// schema-parity.pg.test.ts, which compares a migrated PostgreSQL database with a migrated SQLite one.
import { describe, expect, it } from "vitest";
import { toPostgresSchema } from "@/lib/schema-sync";
import { folders, read, runtimeModel, sqliteStructure } from "./support/schema-structure";



describe("one data model for SQLite and PostgreSQL", () => {
  it("derives prisma/postgresql/schema.prisma from prisma/schema.prisma (run `npm run db:sync` if this fails)", () => {
    expect(read("prisma/postgresql/schema.prisma")).toBe(toPostgresSchema(read("prisma/schema.prisma")));
  });

  it("has the same migrations, by name, for both databases", () => {
    expect(folders("prisma/postgresql/migrations")).toEqual(folders("prisma/migrations"));
  });

  it("generates two clients with the same models, fields and relations", () => {
    expect(runtimeModel("prisma-pg")).toEqual(runtimeModel("prisma"));
  });

  it("migrates SQLite to exactly the tables and columns of the model", () => {
    const model = runtimeModel("prisma");
    const expected = Object.fromEntries(Object.entries(model).map(([name, m]) => [name, m.fields.filter((f) => f.kind === "scalar").map((f) => f.name).sort()]));
    expect(sqliteStructure().columns).toEqual(expected);
  });
});
