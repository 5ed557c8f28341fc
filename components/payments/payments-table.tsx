"use client";

// The payments list: TanStack Table in manual mode. The server has already filtered, sorted
// and paged (the URL is the state); this renders rows and turns header clicks into URLs.
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { createColumnHelper, rowSortingFeature, tableFeatures, useTable, type SortingState, type Updater } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { linkClass, tableClass, tdClass, thClass } from "@/components/ui/styles";
import type { PaymentRow } from "@/lib/payments/payment-row";
import { ResultBadge } from "./result-badge";

const features = tableFeatures({ rowSortingFeature });
const helper = createColumnHelper<typeof features, PaymentRow>();

const columns = helper.columns([
  helper.accessor("time", { id: "time", header: "Time (IST)", enableSorting: true, sortDescFirst: true, cell: ({ getValue }) => <TimeCell value={getValue()} /> }),
  helper.accessor("utr", {
    header: "UTR",
    enableSorting: false,
    cell: ({ row }) => (
      <>
        <Link href={`/payments/${encodeURIComponent(row.original.objectId)}`} className={`${linkClass} font-mono`}>
          {row.original.utr || "(no UTR)"}
        </Link>
        {/* On tablets the mode / type column gives way; its content moves here. */}
        <div className="text-xs text-slate-500 lg:hidden">{row.original.mode} · {row.original.type}</div>
      </>
    ),
  }),
  helper.accessor("supplierId", {
    header: "Supplier",
    enableSorting: false,
    cell: ({ row }) => (
      <div className="min-w-36">
        <div className="font-medium"><bdi>{row.original.supplierName ?? "—"}</bdi></div>
        <div className="font-mono text-xs text-slate-500"><bdi>{row.original.supplierId}</bdi></div>
      </div>
    ),
  }),
  helper.accessor("buyerId", { header: "Buyer", enableSorting: false, cell: ({ getValue }) => <bdi className="font-mono text-xs">{getValue()}</bdi> }),
  helper.accessor("mode", {
    header: "Mode / type",
    enableSorting: false,
    cell: ({ row }) => (
      <div>
        <div className="whitespace-nowrap">{row.original.mode}</div>
        <div className="text-xs text-slate-500">{row.original.type}</div>
      </div>
    ),
  }),
  helper.accessor("amount", {
    id: "amount",
    header: "Amount",
    enableSorting: true,
    sortDescFirst: true,
    cell: ({ row }) => (
      <>
        <span className="whitespace-nowrap tabular-nums" title="Payment total, gross of adjustments" data-testid="row-amount">{row.original.amount}</span>
        {row.original.netPaid ? <div className="whitespace-nowrap text-xs tabular-nums text-slate-500">net {row.original.netPaid}</div> : null}
      </>
    ),
  }),
  helper.accessor("invoiceCount", { header: "Invoices", enableSorting: false, cell: ({ getValue }) => <span className="tabular-nums">{getValue()}</span> }),
  helper.accessor("result", {
    header: "Result",
    enableSorting: false,
    cell: ({ row }) => (
      <ResultBadge status={row.original.status} label={row.original.statusLabel} errorCd={row.original.errorCd} title={row.original.failure ?? undefined} />
    ),
  }),
  helper.accessor("warningCount", {
    header: "Checks",
    enableSorting: false,
    cell: ({ getValue }) => (getValue() > 0 ? <Badge tone="amber" title="Stored with validation warnings">⚠ {getValue()}</Badge> : <span className="text-slate-400">—</span>),
  }),
]);

/** "25 Nov 2026, 15:11:19": date and clock each unbroken, wrapping between them when narrow. */
function TimeCell({ value }: { value: string }) {
  const [date, clock] = value.split(", ");
  return (
    <span className="tabular-nums">
      <span className="whitespace-nowrap">{date},</span> <span className="whitespace-nowrap">{clock}</span>
    </span>
  );
}

const ROW_CLASS = {
  failure: "bg-red-50/60 shadow-[inset_4px_0_0_0_var(--color-red-600)]",
  other: "bg-slate-50 shadow-[inset_4px_0_0_0_var(--color-slate-400)]",
  success: "hover:bg-slate-50",
} as const;

const NUMERIC = new Set(["amount", "invoiceCount"]);
// Secondary columns give way on tablets; both are on the payment's page.
const WIDE_ONLY = new Set(["buyerId", "invoiceCount", "mode"]);
const cellClass = (id: string) => `${NUMERIC.has(id) ? "text-right" : ""} ${WIDE_ONLY.has(id) ? "hidden lg:table-cell" : ""}`;

export function PaymentsTable({ rows, sort, dir }: { rows: PaymentRow[]; sort: string; dir: "asc" | "desc" }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const sorting: SortingState = [{ id: sort, desc: dir === "desc" }];

  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = typeof updater === "function" ? updater(sorting) : updater;
    const query = new URLSearchParams(searchParams.toString());
    const first = next[0] ?? { id: "time", desc: true };
    query.set("sort", first.id);
    query.set("dir", first.desc ? "desc" : "asc");
    query.delete("page");
    router.push(`/payments?${query.toString()}`);
  };

  const table = useTable({
    features,
    columns,
    data: rows,
    state: { sorting },
    onSortingChange,
    manualSorting: true,
    enableSortingRemoval: false,
    getRowId: (row) => row.objectId,
  });

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className={tableClass} data-testid="payments-table">
        <thead className="bg-slate-50">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={canSort ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                    className={`${thClass} ${cellClass(header.column.id)}`}
                  >
                    {canSort ? (
                      <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 uppercase hover:text-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
                        <table.FlexRender header={header} />
                        <span aria-hidden className="text-slate-400">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-status={row.original.status} data-failed={row.original.status === "failure" || undefined} className={ROW_CLASS[row.original.status]}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className={`${tdClass} ${cellClass(cell.column.id)}`}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
