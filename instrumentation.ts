// Runs once when the server starts: a misconfigured environment stops it with a message naming
// the variable, instead of failing on the first webhook; then the first-run set-up (lib/startup.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { appConfig, authConfig, databaseConfig } = await import("./lib/config");
  const { databaseKind, databaseUrl } = await import("./lib/database-url");
  const config = appConfig();
  authConfig();
  databaseConfig();
  databaseKind(databaseUrl());
  if (config.WEBHOOK_ALLOWED_IPS.length > 0 && process.env.PAYMENTS_DESK_SERVER !== "1") {
    throw new Error("WEBHOOK_ALLOWED_IPS needs the caller's real address, which only the app's own server provides: start it with `npm start` (scripts/serve.ts), or remove the allow-list.");
  }
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startUp } = await import("./lib/startup");
  await startUp();
}
