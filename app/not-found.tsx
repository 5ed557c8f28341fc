import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { linkClass } from "@/components/ui/styles";

export default function NotFound() {
  return (
    <EmptyState title="Page not found">
      Go to the <Link href="/payments" className={linkClass}>payments list</Link> or search a UTR in the header.
    </EmptyState>
  );
}
