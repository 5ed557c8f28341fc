"use client";
// Uploading a bank statement: choose the file, the account and the bank; the server reads it and
// proposes the columns (this bank's remembered mapping, or a guess from the headers); the person
// checks them against the masked preview and imports. The file stays in the browser between steps.
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { importStatementAction, inspectStatementAction } from "@/app/statements/actions";
import { buttonClass, inputClass, secondaryButtonClass, tableClass, tdClass, thClass } from "@/components/ui/styles";
import { DATE_FORMATS } from "@/lib/statements/dates";
import { AMOUNT_STYLES, type Mapping } from "@/lib/statements/layouts";
import type { Inspection } from "@/lib/statements/import";

const STYLE_WORDS: Record<(typeof AMOUNT_STYLES)[number], string> = {
  "debit-column": "A withdrawal (debit) column",
  "amount-and-drcr": "An amount column and a Dr/Cr column",
  "signed-amount": "One amount column, debits negative",
};

const SOURCE_WORDS: Record<Inspection["source"], string> = {
  remembered: "These are the columns you confirmed for this bank last time.",
  guessed: "These columns were guessed from the header row: check them against the preview.",
  none: "The columns could not be guessed: choose them below.",
};

const EMPTY_MAPPING: Mapping = { headerRow: 0, date: 0, dateFormat: "DD/MM/YYYY", narration: 1, reference: null, amountStyle: "debit-column", amount: 2, drcr: null };

export function StatementUploadForm({ banks }: { banks: string[] }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [account, setAccount] = useState("");
  const [bank, setBank] = useState("");
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const [mapping, setMapping] = useState<Mapping>(EMPTY_MAPPING);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const form = () => {
    const data = new FormData();
    if (file) data.set("file", file);
    data.set("account", account);
    data.set("bank", bank);
    return data;
  };

  const inspect = () =>
    start(async () => {
      setError(null);
      setStatus("Reading the file…");
      const state = await inspectStatementAction(form());
      setStatus(null);
      if (state.error || !state.inspection) {
        setError(state.error ?? "The file could not be read.");
        return;
      }
      setInspection(state.inspection);
      setMapping(state.inspection.mapping ?? EMPTY_MAPPING);
    });

  const importNow = () =>
    start(async () => {
      setError(null);
      setStatus("Importing and matching: a statement of thousands of lines takes a few seconds…");
      const data = form();
      data.set("mapping", JSON.stringify(mapping));
      const state = await importStatementAction(data);
      if (state.error || !state.statementId) {
        setStatus(null);
        setError(state.error ?? "The statement could not be imported.");
        return;
      }
      setStatus(state.message);
      router.push(`/statements/${state.statementId}`);
    });

  const headers = useMemo(() => inspection?.top[mapping.headerRow] ?? [], [inspection, mapping.headerRow]);
  const preview = inspection?.top.slice(mapping.headerRow + 1, mapping.headerRow + 6) ?? [];
  const columnChoice = (label: string, key: "date" | "narration" | "amount" | "reference" | "drcr", optional = false) => (
    <label className="grid gap-1 text-sm font-medium text-slate-700">
      {label}
      <select
        className={inputClass}
        data-testid={`map-${key}`}
        value={mapping[key] === null ? "" : String(mapping[key])}
        onChange={(e) => setMapping({ ...mapping, [key]: e.target.value === "" ? null : Number(e.target.value) })}
      >
        {optional ? <option value="">(none)</option> : null}
        {headers.map((h, i) => <option key={i} value={i}>{h || `Column ${i + 1}`}</option>)}
      </select>
    </label>
  );

  return (
    <div className="grid gap-4" data-testid="statement-upload">
      <div className="grid max-w-3xl gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3">
        <label className="grid gap-1 text-sm font-medium text-slate-700 sm:col-span-3">
          Statement file (CSV or Excel .xlsx, up to 5 MB)
          <input type="file" name="file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="text-sm" data-testid="statement-file"
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); setInspection(null); }} />
        </label>
        <label className="grid gap-1 text-sm font-medium text-slate-700">
          Account (a name, not its number)
          <input value={account} onChange={(e) => setAccount(e.target.value)} className={inputClass} placeholder="HDFC current ••1234" maxLength={80} data-testid="statement-account" />
        </label>
        <label className="grid gap-1 text-sm font-medium text-slate-700">
          Bank
          <input value={bank} onChange={(e) => setBank(e.target.value)} className={inputClass} list="known-banks" placeholder="HDFC Bank" maxLength={60} data-testid="statement-bank" />
          <datalist id="known-banks">{banks.map((b) => <option key={b} value={b} />)}</datalist>
        </label>
        <div className="flex items-end">
          <button type="button" className={secondaryButtonClass} onClick={inspect} disabled={pending || !file} data-testid="statement-read">Read the file</button>
        </div>
      </div>

      {inspection ? (
        <section className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Columns" data-testid="statement-mapping">
          <p className="text-sm text-slate-700" data-testid="mapping-source">
            {SOURCE_WORDS[inspection.source]}
            {inspection.looksLike ? ` The layout looks like ${inspection.looksLike}'s.` : ""}
            {inspection.missing.length > 0 ? ` Not found: ${inspection.missing.join(", ")}.` : ""}
          </p>
          <div className="grid gap-3 sm:grid-cols-3">
            <label className="grid gap-1 text-sm font-medium text-slate-700">
              Header row
              <select className={inputClass} value={mapping.headerRow} onChange={(e) => setMapping({ ...mapping, headerRow: Number(e.target.value) })} data-testid="map-header-row">
                {inspection.top.map((row, i) => <option key={i} value={i}>Row {i + 1}: {row.filter(Boolean).slice(0, 3).join(" · ").slice(0, 60)}</option>)}
              </select>
            </label>
            {columnChoice("Date", "date")}
            <label className="grid gap-1 text-sm font-medium text-slate-700">
              Date format
              <select className={inputClass} value={mapping.dateFormat} onChange={(e) => setMapping({ ...mapping, dateFormat: e.target.value as Mapping["dateFormat"] })} data-testid="map-date-format">
                {DATE_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
              </select>
            </label>
            {columnChoice("Narration", "narration")}
            {columnChoice("Reference / cheque no.", "reference", true)}
            <label className="grid gap-1 text-sm font-medium text-slate-700">
              Amounts are in
              <select className={inputClass} value={mapping.amountStyle} onChange={(e) => setMapping({ ...mapping, amountStyle: e.target.value as Mapping["amountStyle"] })} data-testid="map-amount-style">
                {AMOUNT_STYLES.map((s) => <option key={s} value={s}>{STYLE_WORDS[s]}</option>)}
              </select>
            </label>
            {columnChoice(mapping.amountStyle === "debit-column" ? "Withdrawal (debit) amount" : "Amount", "amount")}
            {mapping.amountStyle === "amount-and-drcr" ? columnChoice("Dr / Cr", "drcr") : null}
          </div>
          <div className="overflow-x-auto">
            <table className={tableClass} data-testid="statement-preview">
              <caption className="mb-1 text-left text-xs text-slate-600">The rows after the header, as read (account numbers masked). {inspection.rowCount.toLocaleString("en-IN")} rows in the file.</caption>
              <thead><tr>{headers.map((h, i) => <th key={i} className={thClass}>{h || `Column ${i + 1}`}</th>)}</tr></thead>
              <tbody className="divide-y divide-slate-100">
                {preview.map((row, r) => <tr key={r}>{headers.map((_, i) => <td key={i} className={`${tdClass} whitespace-nowrap`}><bdi>{row[i] ?? ""}</bdi></td>)}</tr>)}
              </tbody>
            </table>
          </div>
          <div>
            <button type="button" className={buttonClass} onClick={importNow} disabled={pending} data-testid="statement-import">Import and match</button>
          </div>
        </section>
      ) : null}
      {status ? <p role="status" aria-live="polite" className="text-sm text-slate-700">{status}</p> : null}
      {error ? <p role="alert" className="text-sm font-medium text-red-700" data-testid="statement-error">{error}</p> : null}
    </div>
  );
}
