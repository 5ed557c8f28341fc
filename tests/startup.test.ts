// What the server refuses to start with (instrumentation.ts runs before the first request).
import { afterEach, describe, expect, it } from "vitest";
import { register } from "@/instrumentation";

afterEach(() => {
  for (const key of ["NEXT_RUNTIME", "NEXT_PHASE", "WEBHOOK_ALLOWED_IPS", "PAYMENTS_DESK_SERVER", "ADMIN_EMAIL"]) delete process.env[key];
});

describe("starting the server", () => {
  it("refuses an allow-list when the caller's real address is unknown (not started by npm start)", async () => {
    process.env.NEXT_RUNTIME = "nodejs";
    process.env.NEXT_PHASE = "phase-production-build"; // stop before the first-run set-up
    process.env.WEBHOOK_ALLOWED_IPS = "198.51.100.0/24";
    await expect(register()).rejects.toThrow(/WEBHOOK_ALLOWED_IPS needs the caller's real address/);
    process.env.PAYMENTS_DESK_SERVER = "1";
    await expect(register()).resolves.toBeUndefined();
  });

  it("refuses a bad sign-in setting, naming it", async () => {
    process.env.NEXT_RUNTIME = "nodejs";
    process.env.ADMIN_EMAIL = "not an email";
    await expect(register()).rejects.toThrow(/ADMIN_EMAIL/);
  });
});
