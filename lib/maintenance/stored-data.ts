// Brings rows stored by an earlier version up to today's rules, once, as part of `npm run migrate`:
// - every delivery's body, headers and reason are masked again (MASKING_VERSION);
// - valid deliveries get their message row (fingerprint of the masked body), so a retry of a message
//   received before the upgrade is still recognised as a duplicate;
// - each payment touched is rebuilt from the delivery that set its state, through the same code as
//   ingest (masking, checks, mapping), so its status, ordering columns and text follow the rules too.
// Resumable: a delivery is marked done (maskedWith) in the same transaction that rewrites it.
import "server-only";
import { prisma } from "../db";
import { redactedPreview } from "../ingest/decode-body";
import { reinterpretStoredBody } from "../ingest/ingest";
import { replacePaymentState } from "../ingest/store";
import { MASKING_VERSION, maskFreeText } from "../masking/rules";
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
        data: { ...key, outcome: d.outcome === "duplicate" ? "accepted" : d.outcome, tsInstant, tsTrusted, receivedAt },
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
  if (!message) return;
  const { record } = message;
  await prisma.$transaction((tx) => replacePaymentState(tx, paymentId, record));
}
