// Realistic demo resp-pay bodies: Indian suppliers, NEFT/IMPS/UPI references, IFSCs, TDS and
// credit-note splits, and a plausible share of failures. Deterministic for a given seed.

export interface DemoMessage {
  /** The JSON text to deliver. */
  text: string;
  /** new payment; update: a later message for it; retry: the same message again; malformed: rejected. */
  kind: "new" | "update" | "retry" | "malformed";
}

const SUPPLIERS = [
  ["SHREEGANESH0917", "SHREE GANESH TRADERS", "HDFC"], ["KAVERIENGG2290", "KAVERI ENGINEERING WORKS", "ICIC"],
  ["NILGIRIPACK6618", "NILGIRI PACKAGING LLP", "SBIN"], ["BHARATSTEEL3301", "BHARAT STEEL FABRICATORS", "PUNB"],
  ["SAIKRUPA5520", "SAI KRUPA LOGISTICS", "UTIB"], ["ANNAPURNA1184", "ANNAPURNA FOODS PVT LTD", "KKBK"],
  ["VINAYAKPOLY7730", "VINAYAK POLYMERS", "BARB"], ["GOMTICHEM4412", "GOMTI CHEMICALS LTD", "CNRB"],
  ["MAHALAXMI9021", "MAHALAXMI TEXTILES", "HDFC"], ["DECCANAUTO2208", "DECCAN AUTO COMPONENTS", "ICIC"],
  ["SURYAPOWER6630", "SURYA POWER SOLUTIONS", "SBIN"], ["GANGAPAPER1570", "GANGA PAPER MILLS", "IDIB"],
  ["JAIHINDTRANS088", "JAI HIND TRANSPORT CO", "YESB"], ["NARMADACEM5123", "NARMADA CEMENT TRADERS", "UTIB"],
  ["PRAGATIELEC7711", "PRAGATI ELECTRICALS", "KKBK"], ["SWASTIKPLAST3902", "SWASTIK PLASTICS", "BARB"],
  ["KRISHNAAGRO2460", "KRISHNA AGRO INDUSTRIES", "PUNB"], ["TAPTIFORGE8815", "TAPTI FORGINGS PVT LTD", "HDFC"],
  ["HIMALAYAPHARM61", "HIMALAYA PHARMA DISTRIBUTORS", "ICIC"], ["COROMANDEL4407", "COROMANDEL OFFICE SUPPLIES", "SBIN"],
  ["ARAVALLIMIN2213", "ARAVALLI MINERALS", "CNRB"], ["SAHYADRIIT5094", "SAHYADRI IT SERVICES", "UTIB"],
  ["MALABARSPICE77", "MALABAR SPICE EXPORTS", "IDIB"], ["BRAHMAPUTRA345", "BRAHMAPUTRA TEA TRADERS", "YESB"],
] as const;

const BUYERS = ["ACMEPOLY4821", "ORIONMOTORS1022", "VEDANTRETAIL390"];

const FAILURES = [
  ["E2003", "Invoice version mismatch: currentVersion does not match latest version", "payment.invoicesPayInfos[0].objectVersion.currentVersion"],
  ["E1001", "Beneficiary account is closed", "payment.invoicesPayInfos[0].supplierBankAccountDetails.maskedAccountNumber"],
  ["E1002", "Invalid IFSC for beneficiary bank", "payment.invoicesPayInfos[0].supplierBankAccountDetails.ifsc"],
  ["E3001", "Insufficient balance in buyer account", "payment.paymentAmount.totalAmount"],
  ["E4002", "Bank timeout: response not received from beneficiary bank", ""],
  ["E2001", "Invoice already paid", "payment.invoicesPayInfos[0].objectId"],
  ["E1005", "Beneficiary name does not match account", "payment.invoicesPayInfos[0].supplierBankAccountDetails.beneficiaryName"],
] as const;

const MODES: [string, number][] = [["NEFT", 45], ["IMPS", 20], ["UPI", 15], ["ACCOUNT TRANSFER", 10], ["INTERNET BANKING", 7], ["CHEQUE", 3]];
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const IST_MS = 330 * 60_000;

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const weighted = (items: [string, number][]) => {
    let r = next() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[0]![0];
  };
  const chars = (n: number, alphabet = ALNUM) => Array.from({ length: n }, () => alphabet[int(0, alphabet.length - 1)]).join("");
  return { next, int, pick, weighted, chars };
}

type Rng = ReturnType<typeof rng>;
const rupees = (paise: number) => Math.round(paise) / 100;

function istParts(instant: Date) {
  const ist = new Date(instant.getTime() + IST_MS).toISOString();
  return { iso: `${ist.slice(0, 19)}+05:30`, ymd: ist.slice(0, 10).replace(/-/g, ""), hh: ist.slice(11, 13) };
}

function utrFor(r: Rng, mode: string, bank: string, instant: Date): string {
  const { ymd, hh } = istParts(instant);
  if (mode === "NEFT" || mode === "ACCOUNT TRANSFER" || mode === "INTERNET BANKING") return `${bank}N${r.int(1, 9)}${ymd}${r.chars(8, "0123456789")}`;
  if (mode === "CHEQUE") return r.chars(6, "0123456789");
  const start = Date.UTC(instant.getUTCFullYear(), 0, 0);
  const dayOfYear = String(Math.floor((instant.getTime() - start) / 86_400_000)).padStart(3, "0");
  return `${instant.getUTCFullYear() % 10}${dayOfYear}${hh}${r.chars(6, "0123456789")}`; // 12-digit RRN
}

function invoice(r: Rng, supplier: (typeof SUPPLIERS)[number], account: string, n: number) {
  const totalPaise = r.int(5_000, 25_00_000) * 100 + (r.next() < 0.3 ? r.int(1, 99) : 0);
  const splits: { name: string; value: number; refNo: string }[] = [];
  let adjustment = 0;
  for (let i = 0, count = r.weighted([["0", 45], ["1", 35], ["2", 15], ["3", 5]]) === "0" ? 0 : r.int(1, 3); i < count; i++) {
    const [name, rate] = r.pick([["TDS_194C", 0.02], ["TDS_194Q", 0.001], ["TDS_194J", 0.1], ["CREDIT_NOTE", 0.05], ["CASH_DISCOUNT", 0.01]] as const);
    const value = Math.round(totalPaise * rate);
    adjustment += value;
    splits.push({ name, value: rupees(value), refNo: `${name.startsWith("TDS") ? "TDS" : "CN"}/${r.int(1000, 9999)}/2025-26/${String(n).padStart(4, "0")}` });
  }
  const paid = totalPaise - adjustment;
  const [, name, bank] = supplier;
  const version = r.int(1, 4);
  const body = {
    objectId: `INV${r.chars(32)}`,
    supplierInvoiceNumber: `${supplier[0].slice(0, 3)}/25-26/${String(r.int(1, 9999)).padStart(4, "0")}`,
    objectVersion: { currentVersion: version, newVersion: version + 1 },
    statusTransition: { currentStatus: "ACCEPTED", newStatus: "PAID" },
    invoiceAmount: { dueAmount: rupees(totalPaise), totalAmount: rupees(totalPaise), currency: "INR" },
    invoicePaymentAmount: { netPaidAmount: rupees(paid), netAdjustmentAmount: rupees(adjustment), totalAmount: rupees(totalPaise), currency: "INR", splits },
    supplierBankAccountDetails: {
      maskedAccountNumber: `XXXXXXXX${account}`,
      ifsc: `${bank}0${r.chars(6, "0123456789")}`,
      beneficiaryName: name,
      businessVPA: `${supplier[0].toLowerCase().replace(/\d+$/, "")}@${bank.toLowerCase()}`,
    },
  };
  return { body, paise: { paid, adjustment, total: totalPaise } };
}

/** `count` payments spread over the `months` before `now`, oldest first, with updates and retries. */
export function* generateDemoMessages(count: number, months: number, seed = 20251125, now = new Date()): Generator<DemoMessage> {
  const r = rng(seed);
  const span = months * 30 * 86_400_000;
  const accounts = new Map(SUPPLIERS.map((s) => [s[0], r.chars(4, "0123456789")]));
  for (let i = 0; i < count; i++) {
    let instant = new Date(now.getTime() - span + Math.floor((span * i) / count) + r.int(0, 3_600_000));
    // Business hours in IST: 09:30 to 19:30.
    const istHour = new Date(instant.getTime() + IST_MS).getUTCHours();
    if (istHour < 9 || istHour > 19) instant = new Date(instant.getTime() + ((9 - istHour + 24) % 24) * 3_600_000 + r.int(0, 3) * 3_600_000);
    if (instant > now) instant = new Date(instant.getTime() - 86_400_000); // never in the future
    const supplier = r.pick(SUPPLIERS);
    const mode = r.weighted(MODES);
    const invoices = Array.from({ length: r.weighted([["1", 55], ["2", 20], ["3", 10], ["4", 6], ["6", 5], ["10", 4]]) === "1" ? 1 : r.int(2, 10) }, (_, n) =>
      invoice(r, supplier, accounts.get(supplier[0])!, i * 10 + n));
    const sum = (k: "paid" | "adjustment" | "total") => invoices.reduce((s, inv) => s + inv.paise[k], 0);
    const fails = r.next() < 0.12;
    const failure = r.pick(FAILURES);
    const body = {
      resp: {
        reqMsgId: r.chars(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
        result: fails ? "FAILURE" : "SUCCESS",
        errorCd: fails ? failure[0] : "",
        errorDtl: fails ? failure[1] : "",
        errorField: fails ? failure[2] : "",
      },
      b2bIds: { buyerB2BId: r.pick(BUYERS), supplierB2BId: supplier[0] },
      payment: {
        objectId: `PMT${r.chars(32)}`,
        ts: istParts(instant).iso,
        type: r.next() < 0.8 ? "ONPLATFORM" : "OFFPLATFORM",
        mode,
        utr: utrFor(r, mode, supplier[2], instant),
        currency: "INR",
        paymentAmount: { netPaidAmount: rupees(sum("paid")), netAdjustmentAmount: rupees(sum("adjustment")), totalAmount: rupees(sum("total")), currency: "INR" },
        invoicesPayInfos: invoices.map((inv) => inv.body),
      },
      additionalInfos: r.next() < 0.6 ? [{ name: "PO_NUMBER", value: `45000${r.chars(5, "0123456789")}` }, { name: "REMARKS", value: `${supplier[1].split(" ")[0]} supplies` }] : [],
    };
    const text = JSON.stringify(body);
    yield { text, kind: "new" };
    if (r.next() < 0.02) yield { text, kind: "retry" };
    // Now and then a sender bug: the amount as a string. The delivery log shows it rejected.
    if (r.next() < 0.005) yield { text: text.replace(/"totalAmount":([\d.]+)/, '"totalAmount":"$1"'), kind: "malformed" };
    if (fails && r.next() < 0.25) {
      // The bank's later confirmation that the retried payment went through.
      const later = structuredClone(body);
      later.resp = { reqMsgId: r.chars(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), result: "SUCCESS", errorCd: "", errorDtl: "", errorField: "" };
      later.payment.ts = istParts(new Date(instant.getTime() + r.int(10, 240) * 60_000)).iso;
      yield { text: JSON.stringify(later), kind: "update" };
    }
  }
}
