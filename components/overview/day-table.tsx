"use client";
// The overview's chart as a table, behind a disclosure. Its rows are drawn in the browser when it is
// opened, from the days the chart already carries: a two-year period has 731 of them, and rendering
// them into every page made the overview's HTML 1.5 MB and its first byte miss 150 ms.
import Link from "next/link";
import { useState } from "react";
import { linkClass, tableClass, tdClass, thClass } from "@/components/ui/styles";
import { formatRate } from "@/lib/overview/format";
import type { DayBar } from "@/lib/overview/overview";
import { formatDay } from "@/lib/time";

const fmt = new Intl.NumberFormat("en-IN");

export function DayTable({ days }: { days: DayBar[] }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-3 text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-brand-700">The chart as a table</summary>
      {open ? (
        <div className="mt-2 max-h-96 overflow-auto" tabIndex={0} role="region" aria-label="Payments per day">
          <table className={tableClass} data-testid="day-table">
            <thead>
              <tr>
                <th scope="col" className={thClass}>Day</th>
                <th scope="col" className={`${thClass} text-right`}>Settled</th>
                <th scope="col" className={`${thClass} text-right`}>Failed</th>
                <th scope="col" className={`${thClass} text-right`}>Other</th>
                <th scope="col" className={`${thClass} text-right`}>Failure rate</th>
                <th scope="col" className={`${thClass} text-right`}>Previous period</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {days.map((d) => (
                <tr key={d.day}>
                  <td className={tdClass}><Link href={d.href} className={linkClass}>{formatDay(d.day)}</Link></td>
                  <td className={`${tdClass} text-right tabular-nums`}>{fmt.format(d.success)}</td>
                  <td className={`${tdClass} text-right tabular-nums`}>{fmt.format(d.failure)}</td>
                  <td className={`${tdClass} text-right tabular-nums`}>{fmt.format(d.other)}</td>
                  <td className={`${tdClass} text-right tabular-nums`}>{formatRate(d.failureRate)}</td>
                  <td className={`${tdClass} text-right tabular-nums`}>{d.previousDay === null ? "–" : `${fmt.format(d.previousPayments)} (${formatDay(d.previousDay)})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}
