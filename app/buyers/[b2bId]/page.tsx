import { detailMetadata, detailPage } from "@/components/parties/party-pages";

export const dynamic = "force-dynamic";
export const generateMetadata = detailMetadata("buyer");

export default detailPage("buyer");
