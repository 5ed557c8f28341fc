// The payments list's state lives in the URL. This schema is the only reader of it: unknown or
// malformed values fall back to defaults instead of breaking the page.
import { z } from "zod";
import { parseRupeeInput } from "../money";
import { istDayStart } from "../time";
import { flattenSearchParams, hrefWithQuery, type RawSearchParams } from "../url-state";

export const PAGE_SIZES = [25, 50, 100] as const;
export const SORT_KEYS = ["time", "amount"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const text = z.string().trim().max(100).optional().catch(undefined).transform((v) => (v ? v : undefined));
const day = z.string().optional().catch(undefined).transform((v) => (v && istDayStart(v) ? v : undefined));
const rupees = z.string().optional().catch(undefined).transform((v) => (v && parseRupeeInput(v) !== null ? v.trim() : undefined));

export const listParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000_000).catch(1).default(1),
  size: z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)))).catch(50).default(50),
  sort: z.enum(SORT_KEYS).catch("time").default("time"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  result: z.enum(["all", "success", "failure"]).catch("all").default("all"),
  errorCd: text,
  mode: text,
  type: text,
  buyer: text,
  supplier: text,
  from: day,
  to: day,
  min: rupees,
  max: rupees,
  warnings: z.enum(["1"]).optional().catch(undefined),
});

export type ListParams = z.infer<typeof listParamsSchema>;
export function parseListParams(raw: RawSearchParams): ListParams {
  return listParamsSchema.parse(flattenSearchParams(raw));
}

const DEFAULTS: Partial<Record<keyof ListParams, unknown>> = { page: 1, size: 50, sort: "time", dir: "desc", result: "all" };

/** The canonical query string of a list state (defaults left out), with changes applied. */
export function listHref(params: ListParams, changes: Partial<ListParams> = {}): string {
  return hrefWithQuery("/payments", { ...params, ...changes }, DEFAULTS);
}

/** Which filters are on (for "clear filters" and empty states). */
export function activeFilters(params: ListParams): string[] {
  const keys = ["errorCd", "mode", "type", "buyer", "supplier", "from", "to", "min", "max", "warnings"] as const;
  return [...(params.result !== "all" ? ["result"] : []), ...keys.filter((k) => params[k] !== undefined)];
}
