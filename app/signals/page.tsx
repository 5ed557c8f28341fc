import type { Metadata } from "next";
import Link from "next/link";
import { SignalList } from "@/components/signals/signal-list";
import { SignalTabs } from "@/components/signals/signal-tabs";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { linkClass, secondaryButtonClass } from "@/components/ui/styles";
import { requireViewer } from "@/lib/auth/viewer";
import { listSignals, openSignalCounts, signalListSchema, SIGNAL_STATES, SIGNAL_TITLES } from "@/lib/signals/read";
import { flattenSearchParams } from "@/lib/url-state";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Signals" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const EXPLAIN = {
  "duplicate-invoice": "An invoice settled by more than one successful payment: the same invoice objectId, or the same supplier and supplier invoice number. The amounts are as they stand now.",
  "new-account": "A payment to a bank account never seen before for its supplier (the supplier had been paid to another account). Every payment to it is flagged until an admin verifies the account.",
  contradiction: "A later message about a payment that contradicts an earlier one: it failed after it had succeeded, or its amount, UTR or supplier changed, or invoices disappeared.",
} as const;

const STATE_WORDS = { open: "Open", reviewed: "Reviewed", cleared: "No longer holds" } as const;

export default async function SignalsPage({ searchParams }: Props) {
  const viewer = await requireViewer("signals:read");
  const params = signalListSchema.parse(flattenSearchParams(await searchParams));
  const [{ signals, next }, counts] = await Promise.all([listSignals(viewer, params), openSignalCounts()]);
  const href = (changes: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams({ kind: params.kind, state: params.state });
    for (const [k, v] of Object.entries(changes)) if (v === undefined) q.delete(k); else q.set(k, String(v));
    return `/signals?${q}`;
  };
  return (
    <>
      <PageTitle title="Signals" subtitle="What finance should look at: invoices paid twice, money sent to new bank accounts, messages that contradict each other, and supplier confirmations." />
      <SignalTabs current={params.kind} counts={counts} />
      <Card
        title={SIGNAL_TITLES[params.kind]}
        actions={
          <nav aria-label="State" className="flex gap-3 text-sm">
            {SIGNAL_STATES.map((state) => (
              <Link key={state} href={href({ state, before: undefined })} aria-current={state === params.state ? "page" : undefined} className={state === params.state ? "font-semibold text-slate-900" : linkClass}>
                {STATE_WORDS[state]}
              </Link>
            ))}
          </nav>
        }
      >
        <p className="mb-2 text-sm text-slate-600">{EXPLAIN[params.kind]}</p>
        {signals.length === 0 ? (
          <EmptyState title={params.state === "open" ? "Nothing open" : "None"}>{params.state === "open" ? "No payment needs a look for this reason." : null}</EmptyState>
        ) : (
          <SignalList signals={signals} />
        )}
        <div className="mt-3 flex gap-2">
          {params.before ? <Link href={href({ before: undefined })} className={secondaryButtonClass}>« Newest</Link> : null}
          {next ? <Link href={href({ before: next })} className={secondaryButtonClass} data-testid="signals-older">Older ›</Link> : null}
        </div>
      </Card>
    </>
  );
}
