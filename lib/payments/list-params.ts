// The payments list's state lives in the URL. This schema is the only reader of it. Paging and
// sorting fall back to defaults when malformed; a filter the user typed that cannot be read
// (an impossible date, an amount that is not one, a reversed range) is reported next to its field
// and the list is not shown unfiltered in its place.
import { z } from "zod";
import { parseRupeeInput } from "../money";
import { istDayStart } from "../time";
import { flattenSearchParams, hrefWithQuery, type RawSearchParams } from "../url-state";
import { STATUSES } from "./status";

export const PAGE_SIZES = [25, 50, 100] as const;
export const SORT_KEYS = ["time", "amount"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const RESULT_FILTERS = ["all", ...STATUSES] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];

const blankToUndefined = (v: string) => (v === "" ? undefined : v);
const text = z.string().trim().max(100, { error: "is longer than 100 characters" }).transform(blankToUndefined).optional();
const day = z
  .string()
  .trim()
  .refine((v) => v === "" || istDayStart(v) !== null, { error: "is not a real calendar date (YYYY-MM-DD)" })
  .transform(blankToUndefined)
  .optional();
const rupees = z
  .string()
  .trim()
  .refine((v) => v === "" || parseRupeeInput(v) !== null, { error: "is not an amount in rupees, e.g. 1,50,000.50" })
  .transform(blankToUndefined)
  .optional();

const filtersSchema = z.object({ errorCd: text, mode: text, type: text, buyer: text, supplier: text, from: day, to: day, min: rupees, max: rupees });
export type FilterField = keyof z.infer<typeof filtersSchema>;
export type FilterErrors = Partial<Record<FilterField, string>>;

/** An enum read from the URL in any case (`?result=FAILURE` is `failure`). */
export const anyCase = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.enum(values));

/** A keyset cursor: the sort key of a row (epoch ms, or paise) and its id. */
const CURSOR = /^-?\d{1,19}_\d{1,12}$/;
const cursor = z.string().regex(CURSOR).optional().catch(undefined);

const viewSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000_000).catch(1).default(1),
  size: z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)))).catch(50).default(50),
  sort: anyCase(SORT_KEYS).catch("time").default("time"),
  dir: anyCase(["asc", "desc"]).catch("desc").default("desc"),
  result: anyCase(RESULT_FILTERS).catch("all").default("all"),
  warnings: z.enum(["1"]).optional().catch(undefined),
  /** Only payments whose amounts do not add up (or carry a currency other than INR). */
  integrity: z.enum(["1"]).optional().catch(undefined),
  /**
   * Keyset links (Next, Previous): the page starts after, or ends before, this row of the view. The
   * page number is then its label; it is read as the rows next to the cursor, at any depth.
   */
  after: cursor,
  before: cursor,
});

export type ListParams = z.infer<typeof viewSchema> & z.infer<typeof filtersSchema>;

/** The list's state and the filters that could not be read (field → what is wrong). */
export function readListQuery(raw: RawSearchParams): { params: ListParams; errors: FilterErrors } {
  const flat = flattenSearchParams(raw);
  const view = viewSchema.parse(flat);
  const errors: FilterErrors = {};
  const filters: z.infer<typeof filtersSchema> = {};
  for (const field of Object.keys(filtersSchema.shape) as FilterField[]) {
    const parsed = filtersSchema.shape[field].safeParse(flat[field]);
    if (parsed.success) filters[field] = parsed.data;
    else errors[field] = parsed.error.issues[0]?.message ?? "cannot be read";
  }
  const from = filters.from ? istDayStart(filters.from) : null;
  const to = filters.to ? istDayStart(filters.to) : null;
  if (from && to && from > to) errors.to = "is before the From date";
  const min = filters.min ? parseRupeeInput(filters.min) : null;
  const max = filters.max ? parseRupeeInput(filters.max) : null;
  if (min !== null && max !== null && min > max) errors.max = "is less than the Min amount";
  return { params: { ...view, ...filters }, errors };
}

/**
 * Whether a query string is not the canonical form of its state: a parameter sent empty (a plain
 * GET form sends every field), or a value in another case. The page redirects to the canonical URL.
 */
export function isCanonicalQuery(raw: RawSearchParams, params: ListParams): boolean {
  const flat = flattenSearchParams(raw);
  const canonical = new URLSearchParams(listHref(params).split("?")[1] ?? "");
  const keys = Object.keys(flat).filter((k) => k !== "utr");
  return keys.length === [...canonical.keys()].length && keys.every((k) => canonical.get(k) === flat[k]);
}

/** The list's state, ignoring unreadable filters (for links built from an already-checked state). */
export function parseListParams(raw: RawSearchParams): ListParams {
  const { params, errors } = readListQuery(raw);
  for (const field of Object.keys(errors) as FilterField[]) params[field] = undefined;
  return params;
}

const DEFAULTS: Partial<Record<keyof ListParams, unknown>> = { page: 1, size: 50, sort: "time", dir: "desc", result: "all" };

/**
 * The canonical query string of a list state (defaults left out), with changes applied. A change of
 * page drops the keyset cursor unless the change sets one (Next, Previous): any other link to a
 * page (First, Last, a filter, a sort) is read by its number.
 */
export function listHref(params: ListParams, changes: Partial<ListParams> = {}): string {
  const next = { ...params, ...changes };
  if ("page" in changes && !("after" in changes) && !("before" in changes)) {
    next.after = undefined;
    next.before = undefined;
  }
  return hrefWithQuery("/payments", next, DEFAULTS);
}

/** The keyset cursor of a row: its sort key in this view and its id. */
export function cursorOf(sort: SortKey, row: { id: number; occurredAt: Date; totalPaise: bigint }): string {
  return `${sort === "amount" ? row.totalPaise : row.occurredAt.getTime()}_${row.id}`;
}

export function readCursor(token: string): { key: bigint; id: number } {
  const [key, id] = token.split("_");
  return { key: BigInt(key!), id: Number(id) };
}

/** Which filters are on (for "clear filters" and empty states). */
export function activeFilters(params: ListParams): string[] {
  const keys = ["errorCd", "mode", "type", "buyer", "supplier", "from", "to", "min", "max", "warnings", "integrity"] as const;
  return [...(params.result !== "all" ? ["result"] : []), ...keys.filter((k) => params[k] !== undefined)];
}

/** The list's URL for each sort of the view ("time:desc" → href), for the table's headers. */
export function sortLinks(params: ListParams): Record<string, string> {
  return Object.fromEntries(
    SORT_KEYS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => [`${sort}:${dir}`, listHref(params, { sort, dir, page: 1 })])),
  );
}
