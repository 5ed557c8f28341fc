import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OutcomeBadge } from "@/components/deliveries/outcome-badge";
import { Card, Field } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { linkClass } from "@/components/ui/styles";
import { requireViewer } from "@/lib/auth/viewer";
import { getDelivery } from "@/lib/deliveries/list-deliveries";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Delivery #${(await params).id}` };
}

export default async function DeliveryPage({ params }: Props) {
  const viewer = await requireViewer("deliveries:read");
  const id = Number((await params).id);
  const d = Number.isSafeInteger(id) && id > 0 ? await getDelivery(viewer, id) : null;
  if (!d) notFound();
  return (
    <>
      <PageTitle title={`Delivery #${d.id}`} subtitle={d.received} actions={<OutcomeBadge outcome={d.outcome} />} />
      <div className="grid gap-4">
        <Card title="What happened">
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
            <Field label="Outcome">{d.outcome}</Field>
            <Field label="HTTP answer">{d.httpStatus}</Field>
            <Field label="Source IP"><span className="font-mono">{d.sourceIp ?? "—"}</span></Field>
            <Field label="Body size">{d.bodyBytes.toLocaleString("en-IN")} bytes</Field>
            <Field label="Payment">{d.paymentObjectId ? <Link href={`/payments/${encodeURIComponent(d.paymentObjectId)}`} className={`${linkClass} font-mono text-xs`}>{d.paymentObjectId}</Link> : (d.objectId ?? "—")}</Field>
            <Field label="reqMsgId"><span className="font-mono text-xs break-all">{d.reqMsgId ?? "—"}</span></Field>
            <Field label="Authenticated by">{d.auth}</Field>
            <div className="col-span-2"><Field label="Reason">{d.reason ?? "—"}</Field></div>
          </dl>
        </Card>
        {d.raw ? (
          <>
            <Card title="Request headers (credentials never stored)">
              <pre className="overflow-auto font-mono text-xs" data-testid="raw-headers">{d.raw.headers}</pre>
            </Card>
            <Card title="Body as received (account numbers masked)">
              {d.raw.encodingNote ? <p className="mb-2 text-xs text-slate-600" data-testid="encoding-note">Stored {d.raw.encodingNote}.</p> : null}
              <pre className="max-h-[32rem] overflow-auto font-mono text-xs leading-relaxed" data-testid="raw-body">{d.raw.body || "(empty body)"}</pre>
            </Card>
          </>
        ) : (
          <p className="text-sm text-slate-600" data-testid="raw-withheld">The raw body and headers are shown to finance and admin roles only.</p>
        )}
      </div>
    </>
  );
}
