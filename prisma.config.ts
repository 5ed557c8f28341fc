// Prisma CLI configuration for the embedded SQLite database (the default).
// PostgreSQL uses prisma.pg.config.ts; scripts/migrate.ts picks one from DATABASE_URL.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteUrl } from "./lib/database-url";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaBetterSQLite3({ url: sqliteUrl() }),
});
