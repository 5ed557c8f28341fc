// Webhook load for `npm run bench`: autocannon against a running production server, with realistic
// bodies. Of every 100 requests about 85 are a new payment (the two-invoice example with fresh ids,
// settling invoices of its own), 10 an identical repeat of a body already sent (EnKash's retries)
// and 5 a later message for a payment already sent (new reqMsgId, later payment.ts: an update).
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { BENCH_SECRET } from "./server";

export interface LoadResult {
  perSecond: number;
  total: number;
  errors: number;
  non2xx: number;
  p50: number;
  p99: number;
  /** Peak resident memory of the server process while the load ran, MB. */
  peakRssMb: number;
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

interface Body {
  resp: { reqMsgId: string };
  payment: { objectId: string; utr: string; ts: string; invoicesPayInfos: { objectId: string; supplierInvoiceNumber: string }[] };
}

/** The request mix: new payments, repeats and updates, with ids unique to this run. */
export function webhookMix(shares = { duplicates: 0.1, updates: 0.05 }) {
  const template: Body = JSON.parse(readFileSync("tests/fixtures/enkash/resp-pay-success-two-invoices-neft.json", "utf8"));
  const run = Date.now().toString(36).toUpperCase();
  const sent: { body: Body; text: string }[] = [];
  let n = 0;
  const fresh = (): string => {
    n++;
    const tag = `${run}${n.toString(36).toUpperCase()}`.padStart(16, "0").slice(-16);
    const body = structuredClone(template);
    body.payment.objectId = `PMT${"B".repeat(16)}${tag}`;
    body.resp.reqMsgId = `BENCH${tag}`;
    body.payment.utr = `BENCH${tag}`;
    body.payment.invoicesPayInfos.forEach((invoice, i) => {
      invoice.objectId = `INV${"B".repeat(16)}${tag}${i}`;
      invoice.supplierInvoiceNumber = `BENCH/${tag}/${i}`;
    });
    const text = JSON.stringify(body);
    if (sent.length < 50_000) sent.push({ body, text });
    return text;
  };
  const counts = { new: 0, duplicate: 0, update: 0 };
  const next = (): string => {
    const roll = Math.random();
    const earlier = sent.length > 100 ? sent[Math.floor(Math.random() * sent.length)]! : null;
    if (earlier && roll < shares.duplicates) {
      counts.duplicate++;
      return earlier.text;
    }
    if (earlier && roll < shares.duplicates + shares.updates) {
      counts.update++;
      const body = structuredClone(earlier.body);
      n++;
      body.resp.reqMsgId = `BENCHU${run}${n.toString(36).toUpperCase()}`.slice(0, 30);
      body.payment.ts = new Date(Date.parse(body.payment.ts) + n * 1000).toISOString().replace("Z", "+00:00");
      return JSON.stringify(body);
    }
    counts.new++;
    return fresh();
  };
  return { next, counts };
}

/** Runs `seconds` of load on `path` (after `warmup` seconds not counted), sampling the server's memory. */
export async function load(base: string, path: string, body: () => string, options: { pid: number; seconds: number; connections: number; warmup?: number }): Promise<LoadResult> {
  const request = {
    url: `${base}${path}`,
    method: "POST" as const,
    headers: { "content-type": "application/json", "x-webhook-secret": BENCH_SECRET },
    connections: options.connections,
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) }],
  };
  if (options.warmup) await autocannon({ ...request, duration: options.warmup });
  let peak = rssMb(options.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(options.pid))), 100);
  const ticker = setInterval(() => process.stderr.write("."), 1000);
  try {
    const result = await autocannon({ ...request, duration: options.seconds });
    return {
      perSecond: Math.round(result.requests.average),
      total: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      p50: result.latency.p50,
      p99: result.latency.p99,
      peakRssMb: Math.round(peak),
    };
  } finally {
    clearInterval(sampler);
    clearInterval(ticker);
    process.stderr.write("\n");
  }
}
