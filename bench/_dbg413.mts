import net from "node:net";
import { BENCH_SECRET, startServer } from "./server";
const url = process.env.DATABASE_URL!;
const server = await startServer(3312, { env: { DATABASE_URL: url, LOG_LEVEL: "info" }, output: true });
const t0 = Date.now();
const chunk = "x".repeat(64 * 1024);
const socket = net.connect(3312, "127.0.0.1", () => {
  socket.write(`POST /api/v0/payment/resp-pay HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Webhook-Secret: ${BENCH_SECRET}\r\nContent-Length: ${48 * chunk.length}\r\n\r\n`);
  let sent = 0;
  const more = () => { if (sent++ >= 48 || socket.destroyed) return; socket.write(chunk, () => setTimeout(more, 2)); };
  more();
});
socket.on("data", (d) => console.log(Date.now() - t0, "data", d.toString().slice(0, 40)));
socket.on("error", (e) => console.log(Date.now() - t0, "error", e.message));
socket.on("close", () => { console.log(Date.now() - t0, "close"); setTimeout(() => { console.log(server.output().split("\n").filter((l) => l.startsWith("{")).slice(-5).join("\n")); server.stop(); process.exit(0); }, 500); });
