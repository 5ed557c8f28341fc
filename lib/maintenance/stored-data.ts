// Brings rows stored by an earlier version up to today's rules, once, as part of `npm run migrate`:
// - every delivery's body, headers and reason are masked again (MASKING_VERSION);
// - valid deliveries get their message row (fingerprint of the masked body), so a retry of a message
//   received before the upgrade is still recognised as a duplicate;
// - each payment touched is rebuilt from the delivery that set its state, through the same code as
//   ingest (masking, checks, mapping), so its status, ordering columns and text follow the rules too.
// - messages stored before they had a summary get one from their first delivery, and their
//   payments' story flags (hadFailure, amountChanged) are worked out from all their messages.
// Resumable: a delivery is marked done (maskedWith) in the same transaction that rewrites it, a
// message when its summary is written.
import "server-only";
import { prisma } from "../db";
import { redactedPreview } from "../ingest/decode-body";
import { reinterpretStoredBody } from "../ingest/ingest";
import { messageSummary, replacePaymentState } from "../ingest/store";
import { rollupStateSelect } from "../overview/daily-totals";
import { MASKING_VERSION, maskFreeText } from "../masking/rules";
import { recordParties } from "../parties/directory";
import { recordSupplierAccounts } from "../signals/accounts";
import { readSetting, writeSetting } from "../settings";

const BATCH = 200;
const APPLIED = ["accepted", "updated", "revised"];

type Progress = (done: number, total: number) => void;

const SETTING = "storedDataMaskedWith";

export async function bringStoredDataUpToDate(progress: Progress = () => undefined): Promise<{ deliveries: number; payments: number }> {
  // Recorded once the whole table is done, so that a start does not scan it again.
  if ((await readSetting(SETTING)) === String(MASKING_VERSION)) return { deliveries: 0, payments: 0 };
  const where = { maskedWith: { lt: MASKING_VERSION } };
  const total = await prisma.delivery.count({ where });
  const touched = new Set<number>();
  let done = 0;
  let after = 0;
  while (done < total) {
    const batch = await prisma.delivery.findMany({ where: { ...where, id: { gt: after } }, orderBy: { id: "asc" }, take: BATCH });
    if (batch.length === 0) break;
    for (const delivery of batch) {
      await updateDelivery(delivery);
      if (delivery.paymentId !== null) touched.add(delivery.paymentId);
    }
    after = batch.at(-1)!.id;
    done += batch.length;
    progress(done, total);
  }
  for (const paymentId of touched) await rebuildPayment(paymentId);
  await writeSetting(SETTING, String(MASKING_VERSION));
  return { deliveries: done, payments: touched.size };
}

type StoredDelivery = Awaited<ReturnType<typeof prisma.delivery.findMany>>[number];

async function updateDelivery(d: StoredDelivery): Promise<void> {
  // Bodies that were not text were kept as base64 by earlier versions: only a preview remains.
  const binary = d.rawEncoding === "base64";
  const body = binary ? null : reinterpretStoredBody(d.rawBody, d.receivedAt);
  const headers = Object.fromEntries(Object.entries(JSON.parse(d.headers) as Record<string, string>).map(([k, v]) => [k, maskFreeText(String(v)).text]));
  await prisma.$transaction(async (tx) => {
    let messageId = d.messageId;
    const message = body?.message;
    if (messageId === null && d.outcome !== "rejected" && d.paymentId !== null && message) {
      const key = { paymentId: d.paymentId, reqMsgId: message.record.reqMsgId, fingerprint: message.fingerprint };
      const known = await tx.paymentMessage.findUnique({ where: { paymentId_reqMsgId_fingerprint: key }, select: { id: true } });
      const { tsInstant, tsTrusted, receivedAt } = message.record.timing;
      messageId = known?.id ?? (await tx.paymentMessage.create({
        data: { ...key, outcome: d.outcome === "duplicate" ? "accepted" : d.outcome, tsInstant, tsTrusted, receivedAt, ...messageSummary(message.record) },
        select: { id: true },
      })).id;
    }
    await tx.delivery.update({
      where: { id: d.id },
      data: {
        rawBody: binary ? redactedPreview(Buffer.from(d.rawBody, "base64")) : body!.maskedText,
        rawEncoding: binary ? "binary" : d.rawEncoding,
        rawMasked: d.rawMasked || binary || body!.changed,
        headers: JSON.stringify(headers),
        reason: d.reason === null ? null : maskFreeText(d.reason).text,
        messageId,
        maskedWith: MASKING_VERSION,
      },
    });
  });
}

/** The payment as today's ingest would store it from the delivery that set its current state. */
async function rebuildPayment(paymentId: number): Promise<void> {
  const current = await prisma.delivery.findFirst({ where: { paymentId, outcome: { in: APPLIED } }, orderBy: { id: "desc" }, select: { rawBody: true, receivedAt: true } });
  const message = current ? reinterpretStoredBody(current.rawBody, current.receivedAt).message : null;
  if (!current || !message) return;
  const { record } = message;
  await prisma.$transaction(async (tx) => {
    const before = await tx.payment.findUniqueOrThrow({ where: { id: paymentId }, select: rollupStateSelect });
    await replacePaymentState(tx, paymentId, record, before);
    await recordSupplierAccounts(tx, paymentId, record, current.receivedAt);
    await recordParties(tx, record, current.receivedAt);
  });
}

const SUMMARIES_SETTING = "messageSummaries";

/** Messages without a summary (stored before it existed) get one; their payments, the story flags. */
export async function fillMessageSummaries(progress: Progress = () => undefined): Promise<{ messages: number; payments: number }> {
  if ((await readSetting(SUMMARIES_SETTING)) === "done") return { messages: 0, payments: 0 };
  const where = { status: null };
  const total = await prisma.paymentMessage.count({ where });
  const touched = new Set<number>();
  let done = 0;
  let after = 0;
  while (done < total) {
    const batch = await prisma.paymentMessage.findMany({ where: { ...where, id: { gt: after } }, orderBy: { id: "asc" }, take: BATCH, select: { id: true, paymentId: true } });
    if (batch.length === 0) break;
    for (const message of batch) {
      const first = await prisma.delivery.findFirst({ where: { messageId: message.id }, orderBy: { id: "asc" }, select: { rawBody: true, receivedAt: true } });
      const parsed = first ? reinterpretStoredBody(first.rawBody, first.receivedAt).message : null;
      // A body retention removed cannot be read again: "unknown" keeps the row from being retried.
      const summary = parsed ? messageSummary(parsed.record) : { status: "unknown" };
      await prisma.paymentMessage.update({ where: { id: message.id }, data: summary });
      touched.add(message.paymentId);
    }
    after = batch.at(-1)!.id;
    done += batch.length;
    progress(done, total);
  }
  for (const paymentId of touched) {
    const messages = await prisma.paymentMessage.findMany({ where: { paymentId }, select: { status: true, totalPaise: true } });
    const totals = new Set(messages.flatMap((m) => (m.totalPaise === null ? [] : [m.totalPaise])));
    await prisma.payment.update({
      where: { id: paymentId },
      data: { hadFailure: messages.some((m) => m.status === "failure"), amountChanged: totals.size > 1 },
    });
  }
  await writeSetting(SUMMARIES_SETTING, "done");
  return { messages: done, payments: touched.size };
}
