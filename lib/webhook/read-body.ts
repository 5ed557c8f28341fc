import type { IncomingMessage } from "node:http";
import { abandonRequestBody } from "../request-context";

export type BodyRead =
  | { ok: true; bytes: Uint8Array }
  /** tooLarge: over the cap; timedOut: not complete within the deadline. */
  | { ok: false; why: "tooLarge" | "timedOut"; bytesSeen: number };

/**
 * Reads a request body without ever holding more than `cap` bytes, and gives up when the whole of
 * it has not arrived within `timeoutMs` (a slow sender would otherwise hold the request open).
 */
export async function readBodyWithCap(request: Request, cap: number, timeoutMs: number): Promise<BodyRead> {
  const refused = declaredOverCap(request.headers.get("content-length"), cap);
  if (refused) {
    await abandonRequestBody(request);
    return refused;
  }
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timedOut">((resolve) => {
    timer = setTimeout(() => resolve("timedOut"), timeoutMs);
  });
  const giveUp = async (why: "timedOut" | "tooLarge") => {
    reader.releaseLock();
    await abandonRequestBody(request);
    return { ok: false as const, why, bytesSeen: total };
  };
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === "timedOut") return await giveUp("timedOut");
      if (next.done) break;
      total += next.value.byteLength;
      if (total > cap) return await giveUp("tooLarge");
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return { ok: true, bytes: joined(chunks, total) };
}

/** A body whose declared length is over the cap is not read at all. */
function declaredOverCap(contentLength: string | null | undefined, cap: number): BodyRead | null {
  const declared = Number(contentLength ?? NaN);
  return Number.isFinite(declared) && declared > cap ? { ok: false, why: "tooLarge", bytesSeen: declared } : null;
}

/** The chunks in one array of its own (a Node request's chunks are views of larger buffers). */
function joined(chunks: Uint8Array[], total: number): Uint8Array {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * readBodyWithCap for a Node request (lib/webhook/fast-path.ts): `abandon` stops reading a body
 * given up on. A connection lost before the body's end rejects, as a web request's body does.
 */
export function readNodeBody(req: IncomingMessage, cap: number, timeoutMs: number, abandon: () => void): Promise<BodyRead> {
  const refused = declaredOverCap(req.headers["content-length"], cap);
  if (refused) {
    abandon();
    return Promise.resolve(refused);
  }
  return new Promise<BodyRead>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = () => {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("error", onLost).off("close", onClose);
    };
    const giveUp = (why: "timedOut" | "tooLarge") => {
      settle();
      abandon();
      resolve({ ok: false, why, bytesSeen: total });
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > cap) giveUp("tooLarge");
      else chunks.push(chunk);
    };
    const onEnd = () => {
      settle();
      resolve({ ok: true, bytes: joined(chunks, total) });
    };
    const onLost = (error: Error) => {
      settle();
      reject(error);
    };
    const onClose = () => onLost(new Error(`the connection closed after ${total} bytes of the body`));
    const timer = setTimeout(() => giveUp("timedOut"), timeoutMs);
    req.on("data", onData).on("end", onEnd).on("error", onLost).on("close", onClose);
  });
}
