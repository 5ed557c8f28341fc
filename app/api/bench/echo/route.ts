// POST api/bench/echo — the framework's ceiling for `npm run bench`: a route handler that reads and
// parses the body and answers EnKash's envelope, storing nothing. It answers 404 unless the server
// was started with BENCH_ECHO=1 (bench/server.ts does), so a deployment never serves it.
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  if (process.env.BENCH_ECHO !== "1") return new Response("Not found", { status: 404 });
  const body = JSON.parse(await request.text()) as { resp?: { reqMsgId?: unknown } };
  const payload = JSON.stringify({ deliveryId: null, reqMsgId: body.resp?.reqMsgId ?? null, outcome: "echo" });
  return Response.json({ payload, response_code: 0, response_message: "echo" });
}
