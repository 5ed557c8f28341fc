// The app's HTTP server (`npm start`, `npm run dev`): Next.js behind a plain Node server that knows
// what Next cannot tell a route, the socket's address. It works out the caller's address once
// (lib/request-context.ts: the peer, or the address our trusted proxies saw) and hands it on in
// CLIENT_IP_HEADER, replacing anything a client sent under that name. It also adds HSTS to
// responses served over HTTPS.
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { appConfig } from "../lib/config";
import { arrivedOverHttps, CLIENT_IP_HEADER, PATH_HEADER, resolveClientIp } from "../lib/request-context";

const { values } = parseArgs({ options: { dev: { type: "boolean", default: false } } });
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME_BIND ?? "0.0.0.0";

async function main() {
  let hops: number;
  try {
    hops = appConfig().TRUSTED_PROXY_HOPS;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  // Tells the app (instrumentation.ts) that CLIENT_IP_HEADER can be trusted.
  process.env.PAYMENTS_DESK_SERVER = "1";
  const app = next({ dev: values.dev, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    delete req.headers[CLIENT_IP_HEADER];
    delete req.headers[PATH_HEADER];
    const ip = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
    if (ip) req.headers[CLIENT_IP_HEADER] = ip;
    if (arrivedOverHttps("encrypted" in req.socket, req.headers["x-forwarded-proto"], hops)) {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    void handle(req, res);
  });
  server.listen(port, hostname, () => {
    console.log(`Payments Desk is serving on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}${values.dev ? " (development)" : ""}`);
  });
}

void main();
