import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "."),
      // Next aliases "server-only" itself; under Vitest it is an empty module.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts"],
    // PostgreSQL-only checks join the suite in its PostgreSQL pass (TEST_DATABASE=postgresql).
    exclude: process.env.TEST_DATABASE === "postgresql" ? [] : ["tests/**/*.pg.test.ts"],
    environment: "node",
    pool: "forks",
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
