// Prisma CLI configuration for PostgreSQL (DATABASE_URL=postgresql://…).
// The schema is generated from prisma/schema.prisma: see scripts/db-sync.ts.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/postgresql/schema.prisma",
  migrations: { path: "prisma/postgresql/migrations" },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/payments_desk" }),
});
