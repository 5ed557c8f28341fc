// The raw-driver ceilings for `npm run bench`: what the database itself takes when a webhook's rows
// are written with nothing in between, one transaction per webhook, on a freshly migrated database.
// SQLite: better-sqlite3 in this process, WAL, synchronous = FULL (as the app commits).
// PostgreSQL: `pg` with 16 connections, each writing one webhook per transaction.
// The rows are the two-invoice example's: the payment, its invoices, splits and additional info,
// the message and the delivery (about 9 rows), as ingest maps them (lib/ingest/payment-record.ts).
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { Pool } from "pg";
import { itemLimits } from "../lib/enkash/limits";
import { parsePaymentResponse } from "../lib/enkash/parse";
import { toPaymentRecord, type PaymentRecord } from "../lib/ingest/payment-record";

type Row = Record<string, unknown>;

const text = readFileSync("tests/fixtures/enkash/resp-pay-success-two-invoices-neft.json", "utf8");

function record(): PaymentRecord {
  const parsed = parsePaymentResponse(text, itemLimits(1 << 20));
  if (!parsed.ok) throw new Error("the example body did not parse");
  return toPaymentRecord(parsed.body, [], new Date());
}

/** Webhooks written so far by this process: each run's ids continue (the bench runs these in slices). */
let written = 0;

/** The rows of webhook `n`, in insert order; `link` names the column that takes the previous parent's id. */
function webhookRows(base: PaymentRecord, n: number): { table: string; row: Row; parent?: "payment" | "invoice" }[] {
  const now = new Date();
  const objectId = `CEIL${process.pid}X${n}`;
  const rows: { table: string; row: Row; parent?: "payment" | "invoice" }[] = [
    { table: "Payment", row: { ...base.scalars, objectId, utr: objectId, utrNormalized: objectId, firstReceivedAt: now, updatedAt: now } },
  ];
  for (const invoice of base.invoices) {
    rows.push({ table: "InvoicePayInfo", row: { ...invoice.row }, parent: "payment" });
    for (const split of invoice.splits) rows.push({ table: "InvoiceSplit", row: { ...split }, parent: "invoice" });
  }
  for (const info of base.additionalInfos) rows.push({ table: "AdditionalInfo", row: { ...info }, parent: "payment" });
  rows.push({ table: "PaymentMessage", row: { reqMsgId: objectId, fingerprint: objectId, outcome: "accepted", tsTrusted: true, receivedAt: now }, parent: "payment" });
  rows.push({ table: "Delivery", row: { receivedAt: now, headers: "{}", rawBody: text, bodyBytes: text.length, outcome: "accepted", httpStatus: 200, objectId }, parent: "payment" });
  return rows;
}

const columnsOf = (row: Row) => Object.keys(row).filter((k) => row[k] !== undefined && row[k] !== null);
const parentColumn = { payment: "paymentId", invoice: "invoiceId" } as const;

/** Webhooks per second written straight into SQLite for `seconds`. */
export function sqliteCeiling(file: string, seconds: number): number {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  const base = record();
  const statements = new Map<string, Database.Statement>();
  const insert = (table: string, row: Row) => {
    const columns = columnsOf(row);
    const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map(() => "?").join(",")})`;
    if (!statements.has(sql)) statements.set(sql, db.prepare(sql));
    const values = columns.map((c) => (row[c] instanceof Date ? (row[c] as Date).toISOString() : typeof row[c] === "boolean" ? Number(row[c]) : row[c]));
    return Number(statements.get(sql)!.run(...values).lastInsertRowid);
  };
  const write = db.transaction((n: number) => {
    const ids: Record<string, number> = {};
    for (const { table, row, parent } of webhookRows(base, n)) {
      const id = insert(table, parent ? { ...row, [parentColumn[parent]]: ids[parent] } : row);
      if (table === "Payment") ids.payment = id;
      if (table === "InvoicePayInfo") ids.invoice = id;
    }
  });
  const until = Date.now() + seconds * 1000;
  let n = 0;
  while (Date.now() < until) {
    write(written++);
    n++;
  }
  db.close();
  return Math.round(n / seconds);
}

/** Webhooks per second written straight into PostgreSQL by `connections` writers for `seconds`. */
export async function postgresCeiling(url: string, seconds: number, connections = 16): Promise<number> {
  const pool = new Pool({ connectionString: url, max: connections });
  const base = record();
  const until = Date.now() + seconds * 1000;
  let n = 0;
  const writer = async () => {
    const client = await pool.connect();
    try {
      while (Date.now() < until) {
        const ids: Record<string, number> = {};
        await client.query("BEGIN");
        n++;
        for (const { table, row: plain, parent } of webhookRows(base, written++)) {
          const row = parent ? { ...plain, [parentColumn[parent]]: ids[parent] } : plain;
          const columns = columnsOf(row);
          const values = columns.map((c) => (typeof row[c] === "bigint" ? String(row[c]) : row[c]));
          const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(",")}) RETURNING "id"`;
          const { rows } = await client.query<{ id: number }>(sql, values);
          if (table === "Payment") ids.payment = rows[0]!.id;
          if (table === "InvoicePayInfo") ids.invoice = rows[0]!.id;
        }
        await client.query("COMMIT");
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: connections }, writer));
  await pool.end();
  return Math.round(n / seconds);
}
