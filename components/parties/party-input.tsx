"use client";
// A supplier or buyer field with suggestions as you type (ids and names, any case, prefix or
// substring), through the browser's own combobox (<datalist>): keyboard and screen readers work.
import { useEffect, useId, useRef, useState } from "react";
import type { PartyKind } from "@/lib/parties/directory";

interface Match {
  b2bId: string;
  name: string | null;
}

const DEBOUNCE_MS = 150;

export function PartyInput({ kind, name, id, defaultValue, className, placeholder, extra }: {
  kind: PartyKind;
  name: string;
  id: string;
  defaultValue?: string;
  className: string;
  placeholder?: string;
  extra?: Record<string, unknown>;
}) {
  const listId = useId();
  const [matches, setMatches] = useState<Match[]>([]);
  const [query, setQuery] = useState("");
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/parties?kind=${kind}&q=${encodeURIComponent(q)}`, { headers: { accept: "application/json" } });
        if (!response.ok || ticket !== latest.current) return;
        const body = (await response.json()) as { matches: Match[] };
        setMatches(body.matches);
      } catch {
        // Suggestions are a convenience: the field still takes what is typed.
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [kind, query]);

  return (
    <>
      <input id={id} name={name} list={listId} defaultValue={defaultValue} className={className} placeholder={placeholder}
        autoComplete="off" spellCheck={false} onChange={(e) => setQuery(e.target.value)} {...extra} />
      <datalist id={listId} data-testid={`${id}-suggestions`}>
        {matches.map((m) => (
          <option key={m.b2bId} value={m.b2bId} label={m.name ? `${m.name} · ${m.b2bId}` : m.b2bId} />
        ))}
      </datalist>
    </>
  );
}
