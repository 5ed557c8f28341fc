// EnKash error codes in plain words. EnKash publishes no catalogue for B2B payments, so admins keep
// one (the ErrorCode table); a code nobody has described yet shows the text EnKash sent with it.
import "server-only";
import { z } from "zod";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { prisma, readPrisma } from "../db";
import { toPaymentRow, type PaymentRow, type PaymentRowSource } from "./payment-row";

export interface ErrorCodeOption {
  code: string;
  /** The admins' description, or null when nobody has written one. */
  description: string | null;
}

/** Descriptions of the given codes (those that have one). */
export async function describeErrorCodes(codes: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)].filter(Boolean);
  if (wanted.length === 0) return new Map();
  const rows = await readPrisma.errorCode.findMany({ where: { code: { in: wanted } }, select: { code: true, description: true } });
  return new Map(rows.map((r) => [r.code, r.description]));
}

/** List rows, each error told in the admins' words where they have some. */
export async function withReasons(payments: PaymentRowSource[]): Promise<PaymentRow[]> {
  const descriptions = await describeErrorCodes(payments.map((p) => p.errorCd));
  return payments.map((p) => toPaymentRow(p, descriptions));
}

/** Codes listed in the filter at most. */
const MAX_CODES = 200;

/**
 * Codes that payments carry (for the filter), in order, each with its description. Read from the
 * (errorCd, …) index one code at a time, each the smallest after the last: one index seek per
 * code, where grouping the failed payments read every one of them (7.7 ms at 1 M payments on
 * SQLite, on every list page, against 0.04 ms).
 */
export async function listErrorCodes(viewer: Viewer): Promise<ErrorCodeOption[]> {
  authorize(viewer, "payments:browse");
  const rows = await readPrisma.$queryRaw<{ code: string | null }[]>`
    WITH RECURSIVE codes("code") AS (
      SELECT (SELECT MIN("errorCd") FROM "Payment" WHERE "errorCd" > '')
      UNION ALL
      SELECT (SELECT MIN("errorCd") FROM "Payment" WHERE "errorCd" > codes."code") FROM codes WHERE codes."code" IS NOT NULL
    )
    SELECT "code" FROM codes WHERE "code" IS NOT NULL LIMIT ${MAX_CODES}`;
  const codes = rows.map((r) => r.code!);
  const described = await describeErrorCodes(codes);
  return codes.map((code) => ({ code, description: described.get(code) ?? null }));
}

export interface ErrorCodeEntry extends ErrorCodeOption {
  /** What EnKash said with the code on its newest payment (null: no payment carries it now). */
  enkashText: string | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The admin's table: every code described or seen, with EnKash's own words beside it. */
export async function listErrorCodeTable(viewer: Viewer): Promise<ErrorCodeEntry[]> {
  authorize(viewer, "errorCodes:edit");
  const [seen, kept] = await Promise.all([listErrorCodes(viewer), prisma.errorCode.findMany({ orderBy: { code: "asc" } })]);
  const codes = [...new Set([...kept.map((k) => k.code), ...seen.map((s) => s.code)])].sort();
  const keptBy = new Map(kept.map((k) => [k.code, k]));
  return Promise.all(
    codes.map(async (code) => {
      // The (errorCd, occurredAt, …) index: the newest payment with this code, one row.
      const newest = await readPrisma.payment.findFirst({ where: { errorCd: code }, orderBy: { occurredAt: "desc" }, select: { errorDtl: true } });
      const entry = keptBy.get(code);
      return { code, description: entry?.description ?? null, enkashText: newest ? newest.errorDtl : null, updatedAt: entry?.updatedAt ?? null, updatedBy: entry?.updatedBy ?? null };
    }),
  );
}

const entrySchema = z.object({
  code: z.string().trim().min(1, { error: "Enter the error code." }).max(40, { error: "An error code is at most 40 characters." }),
  description: z.string().trim().max(200, { error: "Keep the description under 200 characters: it is shown in the list." }),
});

/** Sets a code's description; an empty one removes it (the code then shows EnKash's text). Audited. */
export async function saveErrorCode(viewer: Viewer, input: { code: string; description: string }): Promise<"saved" | "removed"> {
  authorize(viewer, "errorCodes:edit");
  const { code, description } = entrySchema.parse(input);
  if (description === "") {
    await prisma.errorCode.deleteMany({ where: { code } });
    await auditAs(viewer, "error-code.remove", code);
    return "removed";
  }
  await prisma.errorCode.upsert({
    where: { code },
    create: { code, description, updatedBy: viewer.email },
    update: { description, updatedBy: viewer.email },
  });
  await auditAs(viewer, "error-code.save", code, { description });
  return "saved";
}
