// Bytes → text, so that every body can be checked for account numbers before it is kept.
// gzip/deflate/brotli (by Content-Encoding or by the gzip magic bytes) are decompressed within the
// size cap; UTF-8, UTF-16 and UTF-32 are decoded. Bytes that are none of these are never kept:
// only a short preview with every digit hidden.
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

export type DecodedBody =
  | { ok: true; text: string; encoding: string; charset: "utf8" | "utf16le" | "utf16be" | "utf32le" | "utf32be" }
  | { ok: false; tooLarge: boolean; encoding: string; preview: string; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });

type Compression = "gzip" | "deflate" | "br";

function compressionOf(bytes: Uint8Array, contentEncoding: string | undefined): Compression | null {
  const declared = (contentEncoding ?? "").trim().toLowerCase();
  if (declared === "gzip" || declared === "x-gzip") return "gzip";
  if (declared === "deflate") return "deflate";
  if (declared === "br") return "br";
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? "gzip" : null;
}

function decompress(bytes: Uint8Array, kind: Compression, maxBytes: number): Buffer {
  const options = { maxOutputLength: maxBytes };
  if (kind === "gzip") return gunzipSync(bytes, options);
  if (kind === "deflate") return inflateSync(bytes, options);
  return brotliDecompressSync(bytes, options);
}

/** The charset of bytes that are not UTF-8: by byte-order mark, else by where the zero bytes fall. */
function wideCharset(bytes: Uint8Array): "utf16le" | "utf16be" | "utf32le" | "utf32be" | null {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return "utf32le";
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return "utf32be";
  if (a === 0xff && b === 0xfe) return "utf16le";
  if (a === 0xfe && b === 0xff) return "utf16be";
  const sample = bytes.subarray(0, Math.min(bytes.length, 1024));
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) zeros[i % 4]!++;
  const quarter = sample.length / 4;
  if (quarter >= 1 && zeros[1]! > quarter * 0.8 && zeros[2]! > quarter * 0.8 && zeros[3]! > quarter * 0.8) return "utf32le";
  if (quarter >= 1 && zeros[0]! > quarter * 0.8 && zeros[1]! > quarter * 0.8 && zeros[2]! > quarter * 0.8) return "utf32be";
  const half = sample.length / 2;
  if (half >= 1 && zeros[1]! + zeros[3]! > half * 0.4 && zeros[0]! + zeros[2]! < half * 0.1) return "utf16le";
  if (half >= 1 && zeros[0]! + zeros[2]! > half * 0.4 && zeros[1]! + zeros[3]! < half * 0.1) return "utf16be";
  return null;
}

function decodeWide(bytes: Uint8Array, charset: "utf16le" | "utf16be" | "utf32le" | "utf32be"): string | null {
  try {
    if (charset === "utf16le" || charset === "utf16be") {
      return new TextDecoder(charset === "utf16le" ? "utf-16le" : "utf-16be", { fatal: true }).decode(bytes);
    }
    if (bytes.length % 4 !== 0) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let out = "";
    for (let i = 0; i < bytes.length; i += 4) {
      const cp = view.getUint32(i, charset === "utf32le");
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
      if (i === 0 && cp === 0xfeff) continue;
      out += String.fromCodePoint(cp);
    }
    return out;
  } catch {
    return null;
  }
}

/** What can be kept of bytes that are not text: printable ASCII, every digit hidden. */
export function redactedPreview(bytes: Uint8Array, limit = 2000): string {
  let out = "";
  for (const byte of bytes.subarray(0, limit)) {
    if (byte >= 0x30 && byte <= 0x39) out += "X";
    else out += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : "·";
  }
  return bytes.length > limit ? `${out}…` : out;
}

export function decodeBody(bytes: Uint8Array, contentEncoding: string | undefined, maxBytes: number): DecodedBody {
  let body = bytes;
  const compression = compressionOf(bytes, contentEncoding);
  const steps: string[] = [];
  if (compression) {
    try {
      body = decompress(bytes, compression, maxBytes);
      steps.push(compression);
    } catch (error) {
      const tooLarge = error instanceof RangeError;
      const reason = tooLarge
        ? `body decompresses to more than ${maxBytes} bytes (WEBHOOK_MAX_BODY_BYTES)`
        : `body declares ${compression} compression but does not decompress`;
      return { ok: false, tooLarge, encoding: "binary", preview: tooLarge ? "" : redactedPreview(bytes), reason };
    }
  }
  // UTF-16 text of ASCII characters is also valid UTF-8 (with a NUL after each letter): the wide
  // encodings are recognised first, by their byte-order mark or by where the zero bytes fall.
  const charset = wideCharset(body);
  const wide = charset ? decodeWide(body, charset) : null;
  if (charset && wide !== null) return { ok: true, text: wide, encoding: [...steps, charset].join("+"), charset };
  try {
    return { ok: true, text: utf8.decode(body), encoding: [...steps, "utf8"].join("+"), charset: "utf8" };
  } catch {
    // neither: not text
  }
  return { ok: false, tooLarge: false, encoding: [...steps, "binary"].join("+"), preview: redactedPreview(body), reason: "body is not text (UTF-8, UTF-16 or UTF-32): only a preview with every digit hidden is kept" };
}
