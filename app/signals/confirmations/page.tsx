import type { Metadata } from "next";
import Link from "next/link";
import { BriefPaymentsTable } from "@/components/payments/payment-link";
import { SignalTabs } from "@/components/signals/signal-tabs";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { secondaryButtonClass } from "@/components/ui/styles";
import { requireViewer } from "@/lib/auth/viewer";
import { confirmationListSchema, COUNT_CAP, listConfirmationIssues } from "@/lib/confirmations/read";
import { openSignalCounts } from "@/lib/signals/read";
import { flattenSearchParams } from "@/lib/url-state";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Supplier confirmations" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ConfirmationsPage({ searchParams }: Props) {
  const viewer = await requireViewer("signals:read");
  const params = confirmationListSchema.parse(flattenSearchParams(await searchParams));
  const [list, counts] = await Promise.all([listConfirmationIssues(viewer, params), openSignalCounts()]);
  const rejected = params.view === "rejected";
  const title = rejected
    ? `Rejected by the supplier (${(list.total > COUNT_CAP ? `${COUNT_CAP.toLocaleString("en-IN")}+` : list.total.toLocaleString("en-IN"))})`
    : `Settled, no supplier confirmation after ${list.dueHours.toLocaleString("en-IN")} hours (${(list.total > COUNT_CAP ? `${COUNT_CAP.toLocaleString("en-IN")}+` : list.total.toLocaleString("en-IN"))})`;
  return (
    <>
      <PageTitle title="Signals" subtitle="Supplier confirmations arrive through EnKash's Payment Confirmation Response webhook: the supplier accepts or rejects each payment." />
      <SignalTabs current={params.view} counts={counts} />
      <Card title={title}>
        <p className="mb-2 text-sm text-slate-600">
          {rejected
            ? "The newest answer from the supplier is REJECT: the money may be coming back, or the supplier disputes what it settles."
            : "Payments that succeeded but whose supplier has not confirmed them. The wait is CONFIRMATION_DUE_HOURS (README → Configuration)."}
        </p>
        {list.payments.length === 0 ? (
          <EmptyState title="None" />
        ) : (
          <BriefPaymentsTable payments={list.payments} amountLabel="Amount" testId="confirmation-issues" remarks={rejected ? "Supplier's remarks" : undefined} />
        )}
        <div className="mt-3 flex gap-2">
          {params.before ? <Link href={`/signals/confirmations?view=${params.view}`} className={secondaryButtonClass}>« Newest</Link> : null}
          {list.next ? <Link href={`/signals/confirmations?view=${params.view}&before=${list.next}`} className={secondaryButtonClass}>Older ›</Link> : null}
        </div>
      </Card>
    </>
  );
}
