import { redirect } from "next/navigation";
import { can } from "@/lib/auth/roles";
import { getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

/** Each role's home: the overview for finance and admin, UTR lookup for support. */
export default async function Home() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  redirect(can(viewer.role, "payments:browse") ? "/overview" : "/payments/lookup");
}
