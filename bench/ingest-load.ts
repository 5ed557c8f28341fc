// Webhook load for `npm run bench`: autocannon against a running production server, with realistic
// bodies. Of every 100 requests about 85 are a new payment (the two-invoice example with fresh ids,
// settling invoices of its own), 10 an identical repeat of a body already sent (EnKash's retries)
// and 5 a later message for a payment already sent (new reqMsgId, later payment.ts: an update).
import type { EventEmitter } from "node:events";
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

/** One kind of request for loadAlternating: the route, and a body for each request. */
export interface LoadTarget {
  path: string;
  body: () => string;
}

/**
 * Runs the targets in turn, in `slices` slices of `seconds / slices` each (after `warmup` seconds of
 * each, not counted), sampling the server's memory: each target's figures are over all its slices.
 * On a machine whose speed drifts from minute to minute (this one's does, by up to 2×), alternating
 * keeps a ratio between two targets fair: both meet the same machine. `before` runs at the start of
 * each round of slices (the raw-driver ceiling's own slice: bench/run.ts).
 */
export async function loadAlternating<T extends LoadTarget[]>(
  base: string,
  targets: [...T],
  options: { pid: number; seconds: number; connections: number; slices: number; warmup?: number; before?: (sliceSeconds: number) => Promise<void> },
): Promise<{ [K in keyof T]: LoadResult }> {
  const request = (target: LoadTarget) => ({
    url: `${base}${target.path}`,
    method: "POST" as const,
    headers: { "content-type": "application/json", "x-webhook-secret": BENCH_SECRET },
    connections: options.connections,
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: target.body() }) }],
  });
  const tallies = targets.map(() => ({ total: 0, errors: 0, non2xx: 0, latencies: [] as number[], peak: 0 }));
  const slice = options.seconds / options.slices;
  const ticker = setInterval(() => process.stderr.write("."), 1000);
  try {
    if (options.warmup) for (const target of targets) await autocannon({ ...request(target), duration: options.warmup });
    for (let s = 0; s < options.slices; s++) {
      await options.before?.(slice);
      for (const [i, target] of targets.entries()) {
        const tally = tallies[i]!;
        tally.peak = Math.max(tally.peak, rssMb(options.pid));
        const sampler = setInterval(() => (tally.peak = Math.max(tally.peak, rssMb(options.pid))), 100);
        // The promise is also the run's event emitter (autocannon/lib/init.js).
        const run = autocannon({ ...request(target), duration: slice }) as Promise<autocannon.Result> & EventEmitter;
        run.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => tally.latencies.push(responseTime));
        const result = await run;
        clearInterval(sampler);
        tally.total += result.requests.total;
        tally.errors += result.errors + result.timeouts;
        tally.non2xx += result.non2xx;
      }
    }
  } finally {
    clearInterval(ticker);
    process.stderr.write("\n");
  }
  return tallies.map((tally): LoadResult => {
    const sorted = tally.latencies.sort((a, b) => a - b);
    const at = (q: number) => (sorted.length === 0 ? 0 : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!));
    return {
      perSecond: Math.round(tally.total / options.seconds),
      total: tally.total,
      errors: tally.errors,
      non2xx: tally.non2xx,
      p50: at(0.5),
      p99: at(0.99),
      peakRssMb: Math.round(tally.peak),
    };
  }) as { [K in keyof T]: LoadResult };
}
