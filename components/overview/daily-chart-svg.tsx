"use client";
// The overview's daily chart: payments per IST day, stacked by result, the failure rate as a line,
// and the previous period's volume for comparison. A bar opens that day's payments; the same links
// are in the table under the chart for keyboards and screen readers. Drawn in the browser only
// (daily-chart.tsx): the CSP refuses inline style attributes in server-rendered HTML.
import { useRouter } from "next/navigation";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatRate } from "@/lib/overview/format";
import type { DayBar } from "@/lib/overview/overview";
import { formatDay } from "@/lib/time";

const shortDay = (day: string) => formatDay(day, { year: false });

export default function DailyChartSvg({ days }: { days: DayBar[] }) {
  const router = useRouter();
  const data = days.map((d) => ({ ...d, label: shortDay(d.day), failurePercent: d.failureRate === null ? null : d.failureRate * 100 }));
  const open = (entry: unknown) => {
    const href = (entry as { payload?: { href?: string } } | undefined)?.payload?.href;
    if (href) router.push(href);
  };
  return (
    <div className="h-72 w-full min-w-0" data-testid="daily-chart">
      <ResponsiveContainer width="100%" height={288}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-200)" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "var(--color-slate-600)" }} minTickGap={12} />
          <YAxis yAxisId="count" allowDecimals={false} width={44} tick={{ fontSize: 11, fill: "var(--color-slate-600)" }} />
          <YAxis yAxisId="rate" orientation="right" unit="%" width={40} domain={[0, 100]} tick={{ fontSize: 11, fill: "var(--color-slate-600)" }} />
          <Tooltip
            formatter={(value, name) => (name === "Failure rate" ? formatRate(typeof value === "number" ? value / 100 : null) : value)}
            labelFormatter={(_, items) => {
              const d = items?.[0]?.payload as DayBar | undefined;
              if (!d) return "";
              return d.previousDay === null ? shortDay(d.day) : `${shortDay(d.day)} (previous period: ${shortDay(d.previousDay)}, ${d.previousPayments} payments)`;
            }}
          />
          {/* Legend text in the page's text colour: the series colours are too light to read as text. */}
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span className="text-slate-700">{value}</span>} />
          <Bar yAxisId="count" dataKey="success" name="Settled" stackId="day" fill="var(--color-emerald-500)" cursor="pointer" onClick={open} />
          <Bar yAxisId="count" dataKey="failure" name="Failed" stackId="day" fill="var(--color-red-500)" cursor="pointer" onClick={open} />
          <Bar yAxisId="count" dataKey="other" name="Other" stackId="day" fill="var(--color-slate-400)" cursor="pointer" onClick={open} />
          <Line yAxisId="count" dataKey="previousPayments" name="Previous period" stroke="var(--color-slate-500)" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="failurePercent" name="Failure rate" stroke="var(--color-red-700)" dot={false} connectNulls isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
