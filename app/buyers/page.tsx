import type { Metadata } from "next";
import { directoryPage } from "@/components/parties/party-pages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Buyers" };

export default directoryPage("buyer");
