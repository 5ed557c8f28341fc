import type { Metadata } from "next";
import { StatementUploadForm } from "@/components/statements/upload-form";
import { PageTitle } from "@/components/ui/page-title";
import { requireViewer } from "@/lib/auth/viewer";
import { readPrisma } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Upload a bank statement" };

export default async function NewStatementPage() {
  await requireViewer("statements:manage");
  const banks = (await readPrisma.statementLayout.findMany({ orderBy: { bank: "asc" }, select: { bank: true }, take: 100 })).map((l) => l.bank);
  return (
    <>
      <PageTitle title="Upload a bank statement" subtitle="Each debit is matched to a payment by the UTR in its reference or narration and its exact amount, else suggested by amount and date. Uploading an overlapping statement again adds only the lines not already held." />
      <StatementUploadForm banks={banks} />
    </>
  );
}
