import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { linkClass } from "@/components/ui/styles";

export default function DeliveryNotFound() {
  return (
    <EmptyState title="No such delivery">
      Go back to the <Link href="/deliveries" className={linkClass}>delivery log</Link>.
    </EmptyState>
  );
}
