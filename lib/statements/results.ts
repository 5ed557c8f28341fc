// A statement's matching results (README → Bank statements), over its account and the days it
// covers, so that overlapping uploads show each line once: failed payments the bank shows as
// debited, matched lines, suggestions, lines with no payment, and settled payments with no line.
// Also accepting or rejecting a suggestion, and the export.
import "server-only";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { UserError } from "../auth/users";
import { prisma, readPrisma } from "../db";
import { plainText } from "../export/payment-export";
import { formatInr, paiseToDecimal } from "../money";
import { formatIst, istDayEnd, istDayStart } from "../time";
import { matchLines } from "./match";

/** In the order the page and the export show them. */
export const SECTIONS = ["failed-debited", "suggested", "unmatched", "payment-only", "matched"] as const;
export type Section = (typeof SECTIONS)[number];
type LineSection = Exclude<Section, "payment-only">;
/** The sections made of statement lines (the other is settled payments without one). */
const LINE_SECTIONS = SECTIONS.filter((s): s is LineSection => s !== "payment-only");

export const SECTION_TITLES: Record<Section, string> = {
  "failed-debited": "Failed payments the bank shows as debited",
  suggested: "Suggested matches",
  unmatched: "Statement lines with no payment",
  "payment-only": "Settled payments with no statement line",
  matched: "Matched",
};

/** Rows listed per section on the page (the export has them all). */
export const SECTION_ROWS = 200;

const lineSelect = {
  id: true, day: true, debitPaise: true, narration: true, reference: true, utrNormalized: true, state: true, matchedBy: true, note: true, decidedBy: true, decidedAt: true, statementId: true,
  payment: { select: { id: true, objectId: true, status: true, netPaidPaise: true, occurredAt: true, utr: true, supplierName: true, supplierB2BId: true, errorCd: true } },
} as const;

type LineRow = Awaited<ReturnType<typeof readLineRows>>[number];
function readLineRows(where: object, take?: number) {
  return readPrisma.statementLine.findMany({ where, orderBy: [{ day: "asc" }, { id: "asc" }], select: lineSelect, ...(take ? { take } : {}) });
}

function lineView(l: LineRow) {
  return {
    id: l.id,
    day: l.day,
    amount: formatInr(l.debitPaise),
    narration: l.narration,
    reference: l.reference,
    utr: l.utrNormalized,
    state: l.state,
    matchedBy: l.matchedBy,
    note: l.note,
    decided: l.decidedBy && l.decidedAt ? `${l.decidedBy}, ${formatIst(l.decidedAt)}` : null,
    payment: l.payment
      ? { objectId: l.payment.objectId, status: l.payment.status, amount: formatInr(l.payment.netPaidPaise), at: formatIst(l.payment.occurredAt), utr: l.payment.utr, supplier: l.payment.supplierName ?? l.payment.supplierB2BId, errorCd: l.payment.errorCd }
      : null,
  };
}
export type LineView = ReturnType<typeof lineView>;

const paymentOnlySelect = { id: true, objectId: true, netPaidPaise: true, occurredAt: true, utr: true, supplierName: true, supplierB2BId: true } as const;

/** The lines and payments a statement's results cover: its account, over the days it spans. */
function scope(statement: { account: string; fromDay: string; toDay: string }) {
  const lines = { account: statement.account, day: { gte: statement.fromDay, lte: statement.toDay } };
  const payments = {
    status: "success",
    occurredAt: { gte: istDayStart(statement.fromDay)!, lt: istDayEnd(statement.toDay)! },
    statementLines: { none: { state: "matched" } },
  };
  return {
    lines,
    sections: {
      "failed-debited": { ...lines, state: "matched", payment: { status: "failure" } },
      matched: { ...lines, state: "matched", payment: { status: { not: "failure" } } },
      suggested: { ...lines, state: "suggested" },
      unmatched: { ...lines, state: "unmatched" },
    },
    payments,
  };
}

async function statementOf(id: number) {
  return readPrisma.bankStatement.findUnique({ where: { id } });
}

export async function getStatementResults(viewer: Viewer, id: number) {
  authorize(viewer, "statements:read");
  const statement = await statementOf(id);
  if (!statement) return null;
  const s = scope(statement);
  const [sections, paymentOnlyCount, paymentOnly, uploads] = await Promise.all([
    Promise.all(LINE_SECTIONS.map(async (k) => {
      const [count, rows] = await Promise.all([readPrisma.statementLine.count({ where: s.sections[k] }), readLineRows(s.sections[k], SECTION_ROWS)]);
      return { section: k, count, lines: rows.map(lineView) };
    })),
    readPrisma.payment.count({ where: s.payments }),
    readPrisma.payment.findMany({ where: s.payments, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], take: SECTION_ROWS, select: paymentOnlySelect }),
    readPrisma.bankStatement.findMany({ where: { account: statement.account, fromDay: { lte: statement.toDay }, toDay: { gte: statement.fromDay } }, orderBy: { id: "asc" }, select: { id: true, fileName: true, uploadedAt: true, uploadedBy: true, newLines: true, debitLines: true } }),
  ]);
  await auditAs(viewer, "statement.view", String(id));
  return {
    statement: { ...statement, uploaded: formatIst(statement.uploadedAt) },
    counts: { ...Object.fromEntries(sections.map((x) => [x.section, x.count])), "payment-only": paymentOnlyCount } as Record<Section, number>,
    lists: Object.fromEntries(sections.map((x) => [x.section, x.lines])) as Record<LineSection, LineView[]>,
    paymentOnly: paymentOnly.map((p) => ({ objectId: p.objectId, amount: formatInr(p.netPaidPaise), at: formatIst(p.occurredAt), utr: p.utr, supplier: p.supplierName ?? p.supplierB2BId })),
    uploads: uploads.map((u) => ({ ...u, uploaded: formatIst(u.uploadedAt) })),
  };
}

export async function listStatements(viewer: Viewer) {
  authorize(viewer, "statements:read");
  const rows = await readPrisma.bankStatement.findMany({ orderBy: { id: "desc" }, take: 200 });
  return rows.map((r) => ({ ...r, uploaded: formatIst(r.uploadedAt) }));
}

const decisionSchema = z.object({ lineId: z.coerce.number().int().positive(), decision: z.enum(["accept", "reject"]) });

/**
 * Accepts a suggested match (the line is matched to that payment), or rejects it (the payment is
 * never suggested for this line again, and the next best one is offered). Audited.
 */
export async function decideSuggestion(viewer: Viewer, input: { lineId: unknown; decision: unknown }): Promise<{ message: string }> {
  authorize(viewer, "statements:manage");
  const { lineId, decision } = decisionSchema.parse(input);
  const line = await prisma.statementLine.findUnique({ where: { id: lineId }, select: { id: true, state: true, paymentId: true, rejected: true, day: true, debitPaise: true, narration: true, reference: true } });
  if (!line || line.state !== "suggested" || line.paymentId === null) throw new UserError("This line has no suggestion waiting any more: reload the page.");
  const now = new Date();
  let message: string;
  if (decision === "accept") {
    const updated = await prisma.statementLine.updateMany({ where: { id: lineId, state: "suggested", paymentId: line.paymentId }, data: { state: "matched", matchedBy: "accepted", decidedBy: viewer.email, decidedAt: now, note: null } });
    if (updated.count === 0) throw new UserError("This line was decided meanwhile: reload the page.");
    message = "Accepted: the line is matched to the payment.";
  } else {
    const rejected = new Set<number>([...(JSON.parse(line.rejected) as number[]), line.paymentId]);
    const [next] = await matchLines([{ row: 0, day: line.day, debitPaise: line.debitPaise, narration: "", reference: "", candidates: [] }], { rejected: new Map([[0, rejected]]), exceptLine: line.id });
    const offer = next?.state === "suggested" ? next.paymentId : null;
    const updated = await prisma.statementLine.updateMany({
      where: { id: lineId, state: "suggested", paymentId: line.paymentId },
      data: { state: offer ? "suggested" : "unmatched", paymentId: offer, matchedBy: offer ? "suggestion" : null, rejected: JSON.stringify([...rejected]), decidedBy: viewer.email, decidedAt: now, note: offer ? null : "A person rejected the suggested payment; no other payment fits." },
    });
    if (updated.count === 0) throw new UserError("This line was decided meanwhile: reload the page.");
    message = offer ? "Rejected: another payment is suggested." : "Rejected: no other payment fits, so the line is unmatched.";
  }
  await auditAs(viewer, `statement.${decision}`, String(lineId), { paymentId: line.paymentId });
  return { message };
}

const EXPORT_COLUMNS = ["section", "statement_day", "debit", "narration", "reference", "utr_read", "payment", "payment_status", "payment_net_paid", "payment_time_ist", "payment_utr", "matched_by", "note"] as const;

/** The results as CSV, every line and every settled payment without one; audited. */
export async function exportStatementResults(viewer: Viewer, id: number): Promise<{ fileName: string; csv: string } | null> {
  authorize(viewer, "statements:read");
  const statement = await statementOf(id);
  if (!statement) return null;
  const s = scope(statement);
  const rows: string[][] = [];
  for (const section of LINE_SECTIONS) {
    for (const l of await readLineRows(s.sections[section])) {
      rows.push([
        section, l.day, paiseToDecimal(l.debitPaise), plainText(l.narration), plainText(l.reference), l.utrNormalized ?? "",
        l.payment?.objectId ?? "", l.payment?.status ?? "", l.payment ? paiseToDecimal(l.payment.netPaidPaise) : "", l.payment ? formatIst(l.payment.occurredAt) : "", plainText(l.payment?.utr ?? ""),
        l.matchedBy ?? "", plainText(l.note ?? ""),
      ]);
    }
  }
  for (const p of await readPrisma.payment.findMany({ where: s.payments, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], select: paymentOnlySelect })) {
    rows.push(["payment-only", "", "", "", "", "", p.objectId, "success", paiseToDecimal(p.netPaidPaise), formatIst(p.occurredAt), plainText(p.utr), "", ""]);
  }
  await auditAs(viewer, "statement.export", String(id), { rows: rows.length });
  const safeAccount = statement.account.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "account";
  return { fileName: `statement-${safeAccount}-${statement.fromDay}-to-${statement.toDay}.csv`, csv: stringify([[...EXPORT_COLUMNS], ...rows]) };
}
