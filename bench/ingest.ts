// Webhook ingest throughput through the real route on a production build (`npm run build` first).
//   DATABASE_URL=file:./data/ingest-bench.db npx tsx bench/ingest.ts [--connections 32] [--seconds 15]
// Every request carries a new payment (the two-invoice example with fresh ids, its invoices' too:
// each payment settles invoices of its own, as in life), so each one is a full accepted write, not a
// duplicate, and raises no duplicate-invoice signal.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { BENCH_SECRET, startServer } from "./server";

const { values } = parseArgs({ options: { connections: { type: "string", default: "32" }, seconds: { type: "string", default: "15" } } });
const port = Number(process.env.BENCH_PORT ?? 3301);
const template = JSON.parse(readFileSync("tests/fixtures/enkash/resp-pay-success-two-invoices-neft.json", "utf8"));
const run = Date.now().toString(36).toUpperCase();
let n = 0;

function nextBody(): string {
  n++;
  const tag = `${run}${n.toString(36).toUpperCase()}`.padStart(16, "0").slice(-16);
  template.payment.objectId = `PMT${"B".repeat(16)}${tag}`;
  template.resp.reqMsgId = `BENCH${tag}`;
  template.payment.utr = `BENCH${tag}`;
  template.payment.invoicesPayInfos.forEach((invoice: { objectId: string; supplierInvoiceNumber: string }, i: number) => {
    invoice.objectId = `INV${"B".repeat(16)}${tag}${i}`;
    invoice.supplierInvoiceNumber = `BENCH/${tag}/${i}`;
  });
  return JSON.stringify(template);
}

async function main() {
  const server = await startServer(port);
  try {
    process.stderr.write(`warming up…\n`);
    const options = {
      url: `${server.base}/api/v0/payment/resp-pay`,
      method: "POST" as const,
      headers: { "content-type": "application/json", "x-webhook-secret": BENCH_SECRET },
      connections: Number(values.connections),
      requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: nextBody() }) }],
    };
    await autocannon({ ...options, duration: 3 });
    process.stderr.write(`measuring ${values.seconds} s with ${values.connections} connections…\n`);
    const result = await autocannon({ ...options, duration: Number(values.seconds) });
    console.log(JSON.stringify({
      requestsPerSecond: Math.round(result.requests.average),
      total: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    }));
  } finally {
    server.stop();
  }
}

void main();
