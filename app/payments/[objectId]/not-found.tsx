import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { linkClass } from "@/components/ui/styles";

export default function PaymentNotFound() {
  return (
    <EmptyState title="No such payment">
      We have no payment with this id. Search by UTR in the header, or check the{" "}
      <Link href="/deliveries" className={linkClass}>delivery log</Link> to see whether EnKash sent it.
    </EmptyState>
  );
}
