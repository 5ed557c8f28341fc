import { tableClass, thClass } from "./styles";

export interface Column {
  label: string;
  numeric?: boolean;
  /** Extra classes for the header cell, e.g. "hidden lg:table-cell" for a column that gives way when narrow. */
  className?: string;
}

/** A (bordered) table that scrolls sideways inside its own box with a header row; rows come as children. */
export function SimpleTable({ columns, testId, children, framed = true }: { columns: Column[]; testId?: string; children: React.ReactNode; framed?: boolean }) {
  const table = (
    <table className={tableClass} data-testid={testId}>
      <thead className={framed ? "bg-slate-50" : undefined}>
        <tr>
          {columns.map((c) => (
            <th key={c.label} scope="col" className={`${thClass} ${c.numeric ? "text-right" : ""} ${c.className ?? ""}`}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
  // Wide tables scroll inside their own box; the page never does.
  return <div className={`overflow-x-auto ${framed ? "rounded-lg border border-slate-200 bg-white shadow-sm" : ""}`}>{table}</div>;
}
