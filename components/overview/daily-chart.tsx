"use client";
// The daily chart streams in after the page, with a skeleton of its size meanwhile.
import dynamic from "next/dynamic";

export const DailyChart = dynamic(() => import("./daily-chart-svg"), {
  ssr: false,
  loading: () => <div role="status" data-loading className="h-72 w-full animate-pulse rounded bg-slate-100"><span className="sr-only">Drawing the chart…</span></div>,
});
