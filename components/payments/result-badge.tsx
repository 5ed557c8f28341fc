import { Badge } from "@/components/ui/badge";
import type { PaymentStatus } from "@/lib/payments/status";

/**
 * A payment's result in words and a symbol, never by colour alone: ✓ Success, ✕ Failed · code,
 * or EnKash's own word (PENDING…) on a neutral badge.
 */
export function ResultBadge({ status, label, errorCd, title }: { status: PaymentStatus; label: string; errorCd: string; title?: string }) {
  const code = errorCd ? ` · ${errorCd}` : "";
  if (status === "failure") {
    return <Badge tone="red" title={title}><span aria-hidden>✕</span> Failed{code}</Badge>;
  }
  if (status === "success") {
    return <Badge tone="green" title={title}><span aria-hidden>✓</span> Success</Badge>;
  }
  return <Badge tone="slate" title={title}><span aria-hidden>◷</span> {label}{code}</Badge>;
}
