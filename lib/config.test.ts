import { describe, expect, it } from "vitest";
import { appConfig, authConfig, databaseConfig } from "./config";

describe("configuration", () => {
  it("has working defaults for an empty environment", () => {
    expect(appConfig({}).WEBHOOK_SECRET).toBeUndefined();
    expect(appConfig({})).toMatchObject({ WEBHOOK_SECRET_HEADER: "X-Webhook-Secret", WEBHOOK_ALLOWED_IPS: [], TRUSTED_PROXY_HOPS: 0, WEBHOOK_MAX_BODY_BYTES: 1_048_576, WEBHOOK_STRICT: false });
    expect(databaseConfig({})).toEqual({ DATABASE_POOL_SIZE: 10, DATABASE_STATEMENT_TIMEOUT_MS: 5_000, DATABASE_CONNECT_TIMEOUT_MS: 3_000, DATABASE_TRANSACTION_TIMEOUT_MS: 20_000, SQLITE_BUSY_TIMEOUT_MS: 5_000, INGEST_GROUP_COMMIT: "on", INGEST_WRITER_THREAD: "on" });
  });

  it("parses lists and flags", () => {
    expect(appConfig({ WEBHOOK_ALLOWED_IPS: " 10.0.0.1, 192.0.2.0/24 ,", WEBHOOK_STRICT: "true" })).toMatchObject({ WEBHOOK_ALLOWED_IPS: ["10.0.0.1", "192.0.2.0/24"], WEBHOOK_STRICT: true });
  });

  it.each([
    [{ WEBHOOK_MAX_BODY_BYTES: "abc" }, "WEBHOOK_MAX_BODY_BYTES"],
    [{ WEBHOOK_SECRET_HEADER: "X Bad Header" }, "WEBHOOK_SECRET_HEADER"],
    [{ WEBHOOK_STRICT: "maybe" }, "WEBHOOK_STRICT"],
    [{ TRUSTED_PROXY_HOPS: "-1" }, "TRUSTED_PROXY_HOPS"],
    [{ WEBHOOK_SECRET: "" }, "WEBHOOK_SECRET"],
    [{ WEBHOOK_SECRET: "short" }, "WEBHOOK_SECRET"],
    [{ WEBHOOK_AUTH: "none" }, "WEBHOOK_AUTH"],
  ])("rejects %j naming the variable", (env, name) => {
    expect(() => appConfig(env)).toThrow(name);
  });

  it("has a secure default for the webhook: a secret is required", () => {
    expect(appConfig({})).toMatchObject({ WEBHOOK_AUTH: "secret", WEBHOOK_SECRET_GRACE_HOURS: 24 });
  });

  it.each([
    [{ ADMIN_EMAIL: "a@b.in" }, "ADMIN_PASSWORD"],
    [{ ADMIN_EMAIL: "not an email", ADMIN_PASSWORD: "long enough password" }, "ADMIN_EMAIL"],
    [{ ADMIN_EMAIL: "a@b.in", ADMIN_PASSWORD: "short" }, "ADMIN_PASSWORD"],
    [{ BETTER_AUTH_SECRET: "x" }, "BETTER_AUTH_SECRET"],
    [{ APP_URL: "payments" }, "APP_URL"],
  ])("rejects sign-in settings %j naming the variable", (env, name) => {
    expect(() => authConfig(env)).toThrow(name);
  });

  it("rejects a pool size of zero", () => {
    expect(() => databaseConfig({ DATABASE_POOL_SIZE: "0" })).toThrow("DATABASE_POOL_SIZE");
  });
});
