// End-to-end tests against a production build started with the README's own `npm start`
// (which migrates a fresh database), driven by Debian's Chromium.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { PEOPLE } from "./e2e/support";

const port = Number(process.env.E2E_PORT ?? 3100);
// One fresh database per run; the specs read it to check what the server stored.
const databaseUrl = process.env.E2E_DATABASE_URL ?? `file:${path.join(mkdtempSync(path.join(os.tmpdir(), "payments-desk-e2e-")), "e2e.db")}`;
process.env.E2E_DATABASE_URL = databaseUrl;
// The first administrator comes from the environment; the webhook secret too (both are generated
// or set up by link when unset: tests/access-control.test.ts covers those paths).
const webhookSecret = "e2e-webhook-secret-0123456789";
process.env.E2E_WEBHOOK_SECRET = webhookSecret;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "npm start",
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "silent",
      APP_URL: `http://127.0.0.1:${port}`,
      ADMIN_EMAIL: PEOPLE.admin.email,
      ADMIN_PASSWORD: PEOPLE.admin.password,
      WEBHOOK_SECRET: webhookSecret,
    },
  },
});
