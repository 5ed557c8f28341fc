// Shown (with status 400) for an address whose %-escapes cannot be decoded: proxy.ts rewrites here.
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { linkClass } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Address not understood" };

export default function BadRequest() {
  return (
    <EmptyState title="This address cannot be read">
      It holds a broken %-escape, so it cannot name a payment or a page. Go to the{" "}
      <Link href="/payments" className={linkClass}>payments list</Link> or search a UTR in the header.
    </EmptyState>
  );
}
