// Signals as a list: what each is about, the payment it is on, and its state.
import Link from "next/link";
import { PaymentLink } from "@/components/payments/payment-link";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/styles";
import type { SignalView } from "@/lib/signals/read";

const STATE_TONE = { open: "red", reviewed: "green", cleared: "slate" } as const;

export function SignalState({ signal }: { signal: SignalView }) {
  const label = signal.state === "open" ? "Open" : signal.state === "reviewed" ? "Reviewed" : "No longer holds";
  return <Badge tone={STATE_TONE[signal.state]}>{label}</Badge>;
}

export function SignalList({ signals, showPayment = true, testId = "signal-list" }: { signals: SignalView[]; showPayment?: boolean; testId?: string }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid={testId}>
      {signals.map((s) => (
        <li key={s.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:justify-between sm:gap-4" data-testid="signal">
          <div className="min-w-0">
            <p className="text-sm font-medium text-slate-900">
              <Link href={`/signals/${s.id}`} className={linkClass}>{s.title}</Link> <SignalState signal={s} />
            </p>
            <p className="mt-0.5 break-words text-sm text-slate-700"><bdi>{s.summary}</bdi></p>
            {s.reviewed ? <p className="mt-0.5 text-xs text-emerald-800">Reviewed by {s.reviewed.by}, {s.reviewed.at}: <bdi>{s.reviewed.note}</bdi></p> : null}
          </div>
          {showPayment ? (
            <div className="shrink-0 text-sm sm:text-right">
              <PaymentLink objectId={s.payment.objectId} />
              <p className="text-slate-700"><bdi>{s.payment.supplier}</bdi> · <span className="tabular-nums">{s.payment.amount}</span></p>
              <p className="text-xs text-slate-700">Raised {s.raised}</p>
            </div>
          ) : (
            <p className="shrink-0 text-xs text-slate-700">Raised {s.raised}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
