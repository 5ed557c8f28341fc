"use client";
// Export of the current view: CSV or Excel, a row per payment or per invoice and split. Each choice
// is a plain download link (it works without JavaScript); with JavaScript the file is fetched with
// a progress bar and a Cancel button, and saved as it arrives where the browser can write to a
// file the user picks (Chromium), otherwise when complete.
import { useRef, useState } from "react";
import { linkClass, secondaryButtonClass } from "@/components/ui/styles";

interface Choice {
  label: string;
  href: string;
  /** Rows the file will hold, when known (payments level): the progress bar's end. */
  rows: number | null;
}

type Progress = { label: string; rows: number; bytes: number; total: number | null; csv: boolean } | null;

const fmt = new Intl.NumberFormat("en-IN");
const NEWLINE = 0x0a;

interface SaveTarget {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** A file the user picks, written as bytes arrive (File System Access), or null where there is none. */
async function pickFile(name: string): Promise<SaveTarget | null> {
  const picker = (window as unknown as { showSaveFilePicker?: (o: { suggestedName: string }) => Promise<{ createWritable(): Promise<WritableStreamDefaultWriter & { write(c: Uint8Array): Promise<void>; close(): Promise<void>; abort(): Promise<void> }> }> }).showSaveFilePicker;
  if (!picker) return null;
  const handle = await picker({ suggestedName: name });
  const file = await handle.createWritable();
  return { write: (c) => file.write(c), close: () => file.close(), abort: () => file.abort() };
}

/** Chunks kept in memory and handed to the browser's download when complete. */
function memoryFile(name: string): SaveTarget {
  const parts: BlobPart[] = [];
  return {
    write: async (c) => void parts.push(c.slice().buffer),
    close: async () => {
      const url = URL.createObjectURL(new Blob(parts));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    abort: async () => void parts.splice(0),
  };
}

export function ExportMenu({ choices }: { choices: Choice[] }) {
  const [progress, setProgress] = useState<Progress>(null);
  const [message, setMessage] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function run(event: React.MouseEvent<HTMLAnchorElement>, choice: Choice) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || abort.current) return;
    event.preventDefault();
    const controller = new AbortController();
    abort.current = controller;
    setMessage(null);
    const csv = choice.href.includes(".csv");
    let target: SaveTarget | null = null;
    try {
      const response = await fetch(choice.href, { signal: controller.signal });
      if (!response.ok || !response.body) throw new Error((await response.text()).trim() || `The server answered ${response.status}.`);
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "export";
      target = (await pickFile(name).catch((error: unknown) => {
        // The user closed the save dialog: that is a cancel. Anything else (no user gesture left,
        // a policy): keep the file in memory instead.
        if (error instanceof DOMException && error.name === "AbortError") controller.abort();
        return null;
      })) ?? memoryFile(name);
      if (controller.signal.aborted) throw new DOMException("cancelled", "AbortError");
      const state = { label: choice.label, rows: 0, bytes: 0, total: choice.rows, csv };
      setProgress({ ...state });
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await target.write(value);
        state.bytes += value.byteLength;
        if (csv) for (const byte of value) if (byte === NEWLINE) state.rows += 1;
        setProgress({ ...state });
      }
      await target.close();
      setMessage(`Saved ${name}${csv ? ` (${fmt.format(Math.max(0, state.rows - 1))} rows)` : ""}.`);
    } catch (error) {
      await target?.abort().catch(() => undefined);
      setMessage(controller.signal.aborted ? "Export cancelled." : `The export stopped: ${error instanceof Error ? error.message : String(error)} Try again, or narrow the filters.`);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  }

  const done = progress && progress.total ? Math.min(progress.total, Math.max(0, progress.rows - 1)) : null;
  return (
    <div className="mb-2 flex flex-col items-end gap-1 text-sm" data-testid="export-menu">
      <p className="flex flex-wrap justify-end gap-x-3 gap-y-1">
        <span className="text-slate-600">Export:</span>
        {choices.map((c) => (
          <a key={c.href} href={c.href} download onClick={(e) => void run(e, c)} className={linkClass} data-testid={`export-${c.href.includes(".xlsx") ? "xlsx" : "csv"}${c.href.includes("level=invoices") ? "-invoices" : ""}`}>
            {c.label}
          </a>
        ))}
      </p>
      {progress ? (
        <div className="flex w-full max-w-md items-center gap-2" role="status" aria-live="polite" data-testid="export-progress">
          {done !== null && progress.total ? (
            <progress max={progress.total} value={done} className="h-2 flex-1" aria-label={`${progress.label} export`} />
          ) : (
            <progress className="h-2 flex-1" aria-label={`${progress.label} export`} />
          )}
          <span className="whitespace-nowrap tabular-nums text-slate-700">
            {progress.csv ? `${fmt.format(Math.max(0, progress.rows - 1))}${progress.total ? ` of ${fmt.format(progress.total)}` : ""} rows` : `${(progress.bytes / 1_048_576).toFixed(1)} MB`}
          </span>
          <button type="button" className={secondaryButtonClass} onClick={() => abort.current?.abort()}>Cancel</button>
        </div>
      ) : null}
      {message ? <p role="status" className="text-slate-700" data-testid="export-message">{message}</p> : null}
    </div>
  );
}
