"use client";

// The payments list: TanStack Table in manual mode. The server has already filtered, sorted
// and paged (the URL is the state); this renders rows and turns header clicks into URLs.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { createColumnHelper, rowSortingFeature, tableFeatures, useTable, type SortingState, type Updater } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { linkClass, tableClass, tdClass, thClass } from "@/components/ui/styles";
import type { PaymentRow } from "@/lib/payments/payment-row";
import { partyHref } from "@/lib/parties/links";
import { paymentHref } from "./payment-link";
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
        <Link href={paymentHref(row.original.objectId)} className={`${linkClass} font-mono`}>
          <bdi>{row.original.utr || "(no UTR)"}</bdi>
        </Link>
        {/* Below extra-wide screens the mode / type column gives way; its content moves here. */}
        <div className="text-xs text-slate-600 xl:hidden">{row.original.mode} · {row.original.type}</div>
      </>
    ),
  }),
  helper.accessor("supplierId", {
    header: "Supplier",
    enableSorting: false,
    cell: ({ row }) => (
      <div className="min-w-32">
        <SupplierLink row={row.original} />
        <div className="font-mono text-xs text-slate-600"><bdi>{row.original.supplierId}</bdi></div>
        <div className="text-xs text-slate-600 xl:hidden">
          Buyer <Link href={partyHref("buyer", row.original.buyerId)} className={linkClass}><bdi className="font-mono">{row.original.buyerId}</bdi></Link>
        </div>
      </div>
    ),
  }),
  helper.accessor("buyerId", {
    header: "Buyer",
    enableSorting: false,
    cell: ({ getValue }) => <Link href={partyHref("buyer", getValue())} className={`${linkClass} font-mono text-xs`}><bdi>{getValue()}</bdi></Link>,
  }),
  helper.accessor("mode", {
    header: "Mode / type",
    enableSorting: false,
    cell: ({ row }) => (
      <div>
        <div className="whitespace-nowrap">{row.original.mode}</div>
        <div className="text-xs text-slate-600">{row.original.type}</div>
      </div>
    ),
  }),
  helper.accessor("amount", {
    id: "amount",
    header: "Amount",
    enableSorting: true,
    sortDescFirst: true,
    cell: ({ row }) => <AmountCell row={row.original} />,
  }),
  helper.accessor("invoiceCount", { header: "Invoices", enableSorting: false, cell: ({ getValue }) => <span className="tabular-nums">{getValue()}</span> }),
  helper.accessor("result", {
    header: "Result",
    enableSorting: false,
    cell: ({ row }) => <ResultCell row={row.original} />,
  }),
  helper.accessor("warningCount", {
    header: "Checks",
    enableSorting: false,
    cell: ({ getValue }) => <Checks count={getValue()} />,
  }),
]);

function SupplierLink({ row }: { row: PaymentRow }) {
  return (
    <Link href={partyHref("supplier", row.supplierId)} className={`${linkClass} font-medium`}>
      <bdi>{row.supplierName ?? row.supplierId}</bdi>
    </Link>
  );
}

function AmountCell({ row }: { row: PaymentRow }) {
  return (
    <>
      <span className="whitespace-nowrap tabular-nums" title="Payment total, gross of adjustments" data-testid="row-amount">{row.amount}</span>
      {row.netPaid ? <div className="whitespace-nowrap text-xs tabular-nums text-slate-600">net {row.netPaid}</div> : null}
    </>
  );
}

function Checks({ count }: { count: number }) {
  return count > 0 ? <Badge tone="amber" title="Stored with validation warnings">⚠ {count} {count === 1 ? "warning" : "warnings"}</Badge> : null;
}

/** The result in words: badge, the reason in a few words, and the marks of the payment's story. */
function ResultCell({ row, withChecks = false }: { row: PaymentRow; withChecks?: boolean }) {
  return (
    <div className="grid justify-items-start gap-1" data-testid="row-result">
      <ResultBadge status={row.status} label={row.statusLabel} errorCd={row.errorCd} title={row.failure ?? undefined} />
      {row.reason ? <bdi className="line-clamp-2 max-w-64 text-xs text-red-800" data-testid="row-reason" title={row.failure ?? undefined}>{row.reason}</bdi> : null}
      {row.succeededAfterFailing ? <Badge tone="amber" title="An earlier message about this payment reported a failure">↺ Succeeded after failing</Badge> : null}
      {row.amountChanged ? <Badge tone="amber" title="Messages about this payment disagreed on its amount">≠ Amount changed</Badge> : null}
      {withChecks ? <Checks count={row.warningCount} /> : <span className="xl:hidden"><Checks count={row.warningCount} /></span>}
    </div>
  );
}

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
// Secondary columns give way below 1,280 px (their content moves into the UTR, supplier and result
// cells); below 768 px each payment is a card. Result and error code are visible at every width.
const WIDE_ONLY = new Set(["buyerId", "invoiceCount", "mode", "warningCount"]);
const cellClass = (id: string) => `${NUMERIC.has(id) ? "text-right" : ""} ${WIDE_ONLY.has(id) ? "hidden xl:table-cell" : ""}`;

/** The column whose header was used to sort: its button gets the focus back once the new page is in. */
let focusAfterSort: string | null = null;

/** Where each sort leads ("time:desc" → URL), built by the server from the view's own state. */
export type SortLinks = Record<string, string>;

export function PaymentsTable({ rows, sort, dir, sortLinks }: { rows: PaymentRow[]; sort: string; dir: "asc" | "desc"; sortLinks: SortLinks }) {
  const router = useRouter();
  const sorting: SortingState = [{ id: sort, desc: dir === "desc" }];

  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = typeof updater === "function" ? updater(sorting) : updater;
    const first = next[0] ?? { id: "time", desc: true };
    const href = sortLinks[`${first.id}:${first.desc ? "desc" : "asc"}`];
    if (!href) return;
    focusAfterSort = first.id;
    router.push(href);
  };

  // Sorting loads a new page, which replaces the table: put the focus back where the user left it.
  const headerRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (!focusAfterSort || focusAfterSort !== sort) return;
    headerRow.current?.querySelector<HTMLButtonElement>(`button[data-column="${focusAfterSort}"]`)?.focus();
    focusAfterSort = null;
  }, [sort, dir]);

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
    <>
    <PaymentCards rows={rows} />
    <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block">
      <table className={tableClass} data-testid="payments-table">
        <thead className="bg-slate-50">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} ref={headerRow}>
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
                      <button type="button" data-column={header.column.id} onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 uppercase hover:text-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
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
    </>
  );
}

/** Phones: one card per payment, result first in line with the amount. */
function PaymentCards({ rows }: { rows: PaymentRow[] }) {
  return (
    <ul className="grid gap-2 md:hidden" data-testid="payment-cards" aria-label="Payments">
      {rows.map((row) => (
        <li key={row.objectId} data-status={row.status} className={`rounded-lg border border-slate-200 bg-white p-3 shadow-sm ${ROW_CLASS[row.status]}`}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <ResultCell row={row} withChecks />
            <div className="text-right"><AmountCell row={row} /></div>
          </div>
          <div className="mt-2 text-sm"><SupplierLink row={row} /></div>
          <div className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600">
            <Link href={paymentHref(row.objectId)} className={`${linkClass} font-mono`}><bdi>{row.utr || "(no UTR)"}</bdi></Link>
            <TimeCell value={row.time} />
            <span>{row.mode} · {row.type}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
