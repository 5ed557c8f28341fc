// Pages keep their state in the query string; these are the pieces every list page shares.

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** Next's searchParams with repeated keys reduced to their first value, ready for a zod schema. */
export function flattenSearchParams(raw: RawSearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** `path?query` from values, leaving out the empty ones and those equal to their default. */
export function hrefWithQuery(path: string, values: Record<string, unknown>, defaults: Record<string, unknown> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === "" || defaults[key] === value) continue;
    query.set(key, String(value));
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A path segment decoded, or null when its %-escapes are malformed (no record has such an id). */
export function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
