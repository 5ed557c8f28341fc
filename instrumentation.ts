// Runs once when the server starts: a misconfigured environment stops it with a message naming
// the variable, instead of failing on the first webhook.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { appConfig, databaseConfig } = await import("./lib/config");
  const { databaseKind, databaseUrl } = await import("./lib/database-url");
  appConfig();
  databaseConfig();
  databaseKind(databaseUrl());
}
