import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { linkClass } from "@/components/ui/styles";

export default function Forbidden() {
  return (
    <EmptyState title="Your role cannot open this page">
      Ask an administrator if you need it. <Link href="/" className={linkClass}>Go to your start page</Link>.
    </EmptyState>
  );
}
