// Bulk-loads synthetic payments straight into the database (no webhook path) to measure list,
// supplier and buyer pages at scale: payments with one invoice each, and the supplier and buyer
// directory and the overview's daily rollup that ingest keeps (lib/parties/directory.ts,
// lib/overview/daily-totals.ts).
//   DATABASE_URL=file:./data/bench.db npx tsx bench/fill-payments.ts --count 1000000
// Run `npm run migrate` against the same DATABASE_URL first.
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { Client } from "pg";
import { databaseKind, databaseUrl, sqliteFilePath } from "../lib/database-url";
import { rng } from "../lib/demo/generate-payments";

// --probe prints how many payments the database holds (bench/run.ts: fill once, reuse after).
const { values } = parseArgs({ options: { count: { type: "string", default: "1000000" }, probe: { type: "boolean", default: false } } });
const count = Number(values.count);
const url = databaseUrl();
const r = rng(1);
const MODES = ["NEFT", "NEFT", "NEFT", "IMPS", "UPI", "ACCOUNT TRANSFER", "INTERNET BANKING", "CHEQUE"];
const CODES = ["E2003", "E1001", "E1002", "E3001", "E4002", "E2001", "E1005"];
const COLUMNS = ["objectId", "reqMsgId", "result", "status", "errorCd", "errorDtl", "errorField", "buyerB2BId", "supplierB2BId", "supplierName", "ts", "tsInstant", "tsTrusted", "stateReceivedAt", "occurredAt", "type", "mode", "utr", "utrNormalized", "currency", "netPaidPaise", "netAdjustmentPaise", "totalPaise", "amountCurrency", "invoiceCount", "warnings", "warningCount", "firstReceivedAt", "updatedAt"];
const start = Date.now() - 2 * 365 * 86_400_000;

const SUPPLIERS = 5000;
const BUYERS = 50;
const supplierName = (id: string) => `${id.replace("SUPPLIER", "SUPPLIER ")} PVT LTD`;
const accountOf = (id: string) => `XXXXXXXX${id.replace("SUPPLIER", "").padStart(4, "0")}`;
const INVOICE_COLUMNS = ["paymentId", "position", "objectId", "supplierInvoiceNumber", "invoiceNumberKey", "paidPaise", "adjustmentPaise", "paymentTotalPaise", "paymentCurrency", "maskedAccountNumber", "ifsc", "beneficiaryName"];

/** The payment's one invoice, paid in full into the supplier's account. */
function invoice(paymentId: number | bigint, payment: unknown[]): unknown[] {
  const supplier = payment[8] as string;
  const total = payment[22];
  const number = `${supplier.slice(-4)}/26-27/${paymentId}`;
  return [paymentId, 0, `INV${String(paymentId).padStart(12, "0")}`, number, number, total, 0n, total, "INR", accountOf(supplier), "HDFC0001234", supplierName(supplier)];
}

/** The directory rows ingest would have written: every supplier and buyer, one account each. */
function directory(): { parties: unknown[][]; accounts: unknown[][] } {
  const at = new Date(start).toISOString().replace("Z", "+00:00");
  const now = new Date().toISOString().replace("Z", "+00:00");
  const parties: unknown[][] = [];
  const accounts: unknown[][] = [];
  for (let n = 1; n <= SUPPLIERS; n++) {
    const id = `SUPPLIER${n}`;
    parties.push(["supplier", id, supplierName(id), `${id} ${supplierName(id)}`.toLowerCase(), at, now]);
    // The identity ingest gives an account known by its masked number (lib/signals/accounts.ts).
    accounts.push([id, `m:${accountOf(id)}|HDFC0001234|${supplierName(id)}|`, accountOf(id), "HDFC0001234", "", supplierName(id), at, now]);
  }
  for (let n = 1; n <= BUYERS; n++) parties.push(["buyer", `BUYER${n}`, null, `buyer${n}`, at, now]);
  return { parties, accounts };
}
/** The overview's daily rollup, as ingest would have kept it (the same statement as the migration's backfill). */
const ROLLUP_SQL = {
  sqlite: `INSERT INTO "DailyTotal" ("day", "status", "errorCd", "mode", "type", "payments", "paise")
    SELECT strftime('%Y-%m-%d', "occurredAt", '+330 minutes'), "status", "errorCd", "mode", "type", COUNT(*), SUM("totalPaise") FROM "Payment" GROUP BY 1, 2, 3, 4, 5`,
  postgresql: `INSERT INTO "DailyTotal" ("day", "status", "errorCd", "mode", "type", "payments", "paise")
    SELECT to_char("occurredAt" + interval '330 minutes', 'YYYY-MM-DD'), "status", "errorCd", "mode", "type", COUNT(*), SUM("totalPaise") FROM "Payment" GROUP BY 1, 2, 3, 4, 5`,
};
const PARTY_COLUMNS = ["kind", "b2bId", "name", "searchText", "firstSeenAt", "lastSeenAt"];
const ACCOUNT_COLUMNS = ["supplierB2BId", "identityKey", "maskedAccountNumber", "ifsc", "businessVPA", "beneficiaryName", "firstSeenAt", "lastSeenAt"];
const insertSql = (table: string, columns: string[], rows = 1) =>
  `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${Array.from({ length: rows }, (_, k) => `(${columns.map((__, c) => `$${k * columns.length + c + 1}`).join(",")})`).join(",")}`;

function row(i: number): unknown[] {
  const supplier = `SUPPLIER${r.int(1, SUPPLIERS)}`;
  const at = new Date(start + Math.floor((i / count) * 2 * 365 * 86_400_000));
  const roll = r.next();
  const failed = roll < 0.1;
  const pending = !failed && roll < 0.11;
  const total = BigInt(r.int(1_000, 5_000_000)) * 100n + BigInt(r.int(0, 99));
  const utr = `${r.pick(["HDFC", "ICIC", "SBIN", "UTIB"])}N${r.chars(17, "0123456789")}`;
  const iso = at.toISOString().replace("Z", "+00:00"); // the text form Prisma writes on SQLite
  return [
    `PMT${r.chars(32)}`, r.chars(32), failed ? "FAILURE" : pending ? "PENDING" : "SUCCESS", failed ? "failure" : pending ? "other" : "success",
    failed ? r.pick(CODES) : "", failed ? "Bank rejected the payment" : "", "",
    `BUYER${r.int(1, BUYERS)}`, supplier, supplierName(supplier), iso, iso, true, iso, iso, r.next() < 0.8 ? "ONPLATFORM" : "OFFPLATFORM",
    r.pick(MODES), utr, utr, "INR", total, 0n, total, "INR", r.int(1, 10), "[]", r.next() < 0.02 ? 1 : 0, iso, iso,
  ];
}

function progress(done: number) {
  process.stderr.write(`\r${done.toLocaleString("en-IN")} / ${count.toLocaleString("en-IN")} payments`);
}

async function probe(): Promise<number> {
  const sql = 'SELECT COUNT(*) AS n FROM "Payment"';
  if (databaseKind(url) === "sqlite") {
    const db = new Database(sqliteFilePath(url), { readonly: true, fileMustExist: true });
    const { n } = db.prepare(sql).get() as { n: number };
    db.close();
    return n;
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(sql);
  await client.end();
  return Number(rows[0]!.n);
}

async function main() {
  if (values.probe) {
    console.log(await probe());
    return;
  }
  const began = Date.now();
  if (databaseKind(url) === "sqlite") {
    const db = new Database(sqliteFilePath(url));
    db.pragma("synchronous = OFF");
    const prepare = (table: string, columns: string[]) => db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map(() => "?").join(",")})`);
    const insert = prepare("Payment", COLUMNS);
    const insertInvoice = prepare("InvoicePayInfo", INVOICE_COLUMNS);
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const payment = row(i);
        const { lastInsertRowid } = insert.run(payment.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v)));
        insertInvoice.run(invoice(lastInsertRowid, payment));
      }
    });
    const { parties, accounts } = directory();
    db.transaction(() => {
      const party = prepare("Party", PARTY_COLUMNS);
      for (const p of parties) party.run(p);
      const account = prepare("SupplierAccount", ACCOUNT_COLUMNS);
      for (const a of accounts) account.run(a);
    })();
    for (let i = 0; i < count; i += 20_000) {
      batch(i, Math.min(count, i + 20_000));
      progress(Math.min(count, i + 20_000));
    }
    db.exec(ROLLUP_SQL.sqlite);
    db.exec("ANALYZE");
    db.close();
  } else {
    const client = new Client({ connectionString: url });
    await client.connect();
    const per = 500;
    for (let i = 0; i < count; i += per) {
      const rows = Array.from({ length: Math.min(per, count - i) }, (_, k) => row(i + k));
      const params = (values: unknown[][]) => values.flat().map((v) => (typeof v === "bigint" ? v.toString() : v));
      const ids = await client.query<{ id: number }>(`${insertSql("Payment", COLUMNS, rows.length)} RETURNING "id"`, params(rows));
      await client.query(insertSql("InvoicePayInfo", INVOICE_COLUMNS, rows.length), params(rows.map((payment, k) => invoice(ids.rows[k]!.id, payment))));
      if ((i / per) % 40 === 0) progress(i + rows.length);
    }
    progress(count);
    const { parties, accounts } = directory();
    for (const p of parties) await client.query(insertSql("Party", PARTY_COLUMNS), p);
    for (const a of accounts) await client.query(insertSql("SupplierAccount", ACCOUNT_COLUMNS), a);
    await client.query(ROLLUP_SQL.postgresql);
    // VACUUM sets the visibility map, as autovacuum would in a while: until then every
    // index-only scan also reads the table, and page timings are several times worse.
    process.stderr.write("\nvacuuming and analysing…");
    for (const table of ["Payment", "InvoicePayInfo", "Party", "SupplierAccount", "DailyTotal"]) await client.query(`VACUUM (ANALYZE) "${table}"`);
    await client.end();
  }
  process.stderr.write(`\ndone in ${((Date.now() - began) / 1000).toFixed(0)} s\n`);
}

void main();
