import { detailMetadata, detailPage } from "@/components/parties/party-pages";

export const dynamic = "force-dynamic";
export const generateMetadata = detailMetadata("supplier");

export default detailPage("supplier");
