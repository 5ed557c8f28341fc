import { checkDatabase } from "@/lib/health";

export const dynamic = "force-dynamic";

/** 200 when the app can reach its database, 503 otherwise (for load balancers and monitors). */
export async function GET(): Promise<Response> {
  const database = await checkDatabase();
  const healthy = database.status === "up";
  return Response.json(
    { status: healthy ? "ok" : "unavailable", app: { status: "up", version: process.env.npm_package_version ?? "0.1.0" }, database },
    { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
