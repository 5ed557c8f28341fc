/** What UTR search compares: trimmed, upper-cased, without inner white space. */
export function normalizeUtr(utr: string): string {
  return utr.replace(/\s+/g, "").toUpperCase();
}
