import { Card, Field } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { tdClass } from "@/components/ui/styles";
import type { PaymentDetail } from "@/lib/payments/get-payment";

type Invoice = PaymentDetail["invoices"][number];

export function InvoiceCard({ invoice }: { invoice: Invoice }) {
  return (
    <Card title={<>Invoice {invoice.position}: <bdi className="font-mono">{invoice.supplierInvoiceNumber ?? "(no number)"}</bdi></>}>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Field label="Invoice id"><bdi className="font-mono text-xs">{invoice.objectId ?? "—"}</bdi></Field>
        <Field label="Version">{invoice.versions ?? "—"}</Field>
        <Field label="Status"><bdi>{invoice.status ?? "—"}</bdi></Field>
        <Field label="Invoice total / due"><span className="tabular-nums">{invoice.invoiceTotal} / {invoice.invoiceDue}</span></Field>
        <Field label="Paid"><span className="tabular-nums">{invoice.paid}</span></Field>
        <Field label="Adjusted"><span className="tabular-nums">{invoice.adjusted}</span></Field>
        <Field label="Total settled"><span className="tabular-nums font-semibold">{invoice.total}</span></Field>
      </dl>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Splits</h3>
          {invoice.splits.length === 0 ? (
            <p className="text-sm text-slate-500">No splits: paid in full, no adjustments.</p>
          ) : (
            <SimpleTable framed={false} columns={[{ label: "Name" }, { label: "Value", numeric: true }, { label: "Reference" }]}>
            {invoice.splits.map((s, i) => (
              <tr key={i}>
                <td className={tdClass}><bdi>{s.name ?? "—"}</bdi></td>
                <td className={`${tdClass} text-right tabular-nums`}>{s.value}</td>
                <td className={`${tdClass} font-mono text-xs`}><bdi>{s.refNo ?? "—"}</bdi></td>
              </tr>
            ))}
            </SimpleTable>
          )}
        </div>
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Supplier bank account</h3>
          <dl className="grid grid-cols-2 gap-3">
            <Field label="Account"><bdi className="font-mono" data-testid="masked-account">{invoice.bank.account ?? "—"}</bdi></Field>
            <Field label="IFSC"><bdi className="font-mono">{invoice.bank.ifsc ?? "—"}</bdi></Field>
            <Field label="Beneficiary"><bdi>{invoice.bank.beneficiary ?? "—"}</bdi></Field>
            <Field label="UPI VPA"><bdi className="font-mono text-xs">{invoice.bank.vpa ?? "—"}</bdi></Field>
          </dl>
        </div>
      </div>
    </Card>
  );
}
