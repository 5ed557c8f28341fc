import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OutcomeBadge } from "@/components/deliveries/outcome-badge";
import { Card, Field } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { ActionForm } from "@/components/admin/action-form";
import { linkClass, secondaryButtonClass } from "@/components/ui/styles";
import { replayDeliveriesAction } from "@/app/admin/actions";
import { can } from "@/lib/auth/roles";
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
      <div className="grid grid-cols-1 gap-4">
        <Card title="What happened">
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
            <Field label="Outcome">{d.outcome}</Field>
            <Field label="HTTP answer">{d.httpStatus}</Field>
            <Field label="Source IP"><span className="font-mono">{d.sourceIp ?? "—"}</span></Field>
            <Field label="Body size">{d.bodyBytes.toLocaleString("en-IN")} bytes</Field>
            <Field label="Payment">{d.paymentObjectId ? <Link href={`/payments/${encodeURIComponent(d.paymentObjectId)}`} className={`${linkClass} font-mono text-xs`}><bdi>{d.paymentObjectId}</bdi></Link> : <bdi>{d.objectId ?? "—"}</bdi>}</Field>
            <Field label="reqMsgId"><bdi className="font-mono text-xs">{d.reqMsgId ?? "—"}</bdi></Field>
            <Field label="Authenticated by">{d.auth}</Field>
            <Field label="Webhook"><span className="font-mono text-xs">{d.endpoint}</span></Field>
            <Field label="Reason" className="col-span-2"><bdi>{d.reason ?? "—"}</bdi></Field>
            {d.replayOfId ? (
              <Field label="Replay of">
                <Link href={`/deliveries/${d.replayOfId}`} className={linkClass} data-testid="replay-of">delivery #{d.replayOfId}</Link>
              </Field>
            ) : null}
          </dl>
        </Card>
        {d.outcome === "rejected" ? (
          <Card title="Replay">
            {d.replays.length > 0 ? (
              <ul className="mb-3 text-sm" data-testid="replays">
                {d.replays.map((r) => (
                  <li key={r.id}>
                    Replayed as <Link href={`/deliveries/${r.id}`} className={linkClass}>delivery #{r.id}</Link>: {r.outcome} ({r.httpStatus})
                  </li>
                ))}
              </ul>
            ) : null}
            {d.replayRefusal ? (
              <p className="text-sm text-slate-600">Cannot be replayed: {d.replayRefusal}.</p>
            ) : can(viewer.role, "deliveries:replay") ? (
              <ActionForm action={replayDeliveriesAction} testId="replay-one">
                <input type="hidden" name="id" value={d.id} />
                <button type="submit" className={secondaryButtonClass}>Replay through ingest</button>
                <p className="mt-1 text-xs text-slate-600">Re-processes the kept body as a new delivery (this one stays as it is). Audited.</p>
              </ActionForm>
            ) : (
              <p className="text-sm text-slate-600">An administrator can replay it.</p>
            )}
          </Card>
        ) : null}
        {d.raw ? (
          <>
            <Card title="Request headers (credentials never stored)">
              <pre tabIndex={0} aria-label="Request headers" className="overflow-auto font-mono text-xs" data-testid="raw-headers">{d.raw.headers}</pre>
            </Card>
            <Card title="Body as received (account numbers masked)">
              {d.raw.encodingNote ? <p className="mb-2 text-xs text-slate-600" data-testid="encoding-note">Stored {d.raw.encodingNote}.</p> : null}
              {d.bodyPurgedAt ? (
                <p className="text-sm text-slate-600" data-testid="body-purged">The body was removed by retention on {d.bodyPurgedAt} (RETENTION_DAYS).</p>
              ) : (
                <>
                  {d.raw.truncated ? (
                    <p className="mb-2 text-xs text-slate-600" data-testid="body-truncated">
                      Showing the first {d.raw.body.length.toLocaleString("en-IN")} of {d.raw.bodyChars.toLocaleString("en-IN")} characters.{" "}
                      <a href={`/deliveries/${d.id}/body`} className={linkClass} download>Download the whole body</a>
                    </p>
                  ) : null}
                  <pre tabIndex={0} aria-label="Raw body" className="max-h-[32rem] overflow-auto font-mono text-xs leading-relaxed" data-testid="raw-body">{d.raw.body || "(empty body)"}</pre>
                </>
              )}
            </Card>
          </>
        ) : (
          <p className="text-sm text-slate-600" data-testid="raw-withheld">The raw body and headers are shown to finance and admin roles only.</p>
        )}
      </div>
    </>
  );
}
