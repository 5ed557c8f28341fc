// The filter bar: a plain GET form, so a filtered view is a URL that can be shared and reloaded.
import Link from "next/link";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { PAYMENT_MODES, PAYMENT_TYPES } from "@/lib/enkash/checks";
import { PartyInput } from "@/components/parties/party-input";
import { PeriodLinks } from "@/components/ui/period-links";
import type { ErrorCodeOption } from "@/lib/payments/error-codes";
import { listHref, type FilterErrors, type ListParams } from "@/lib/payments/list-params";

function Labeled({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs font-medium text-red-700" data-testid={`${id}-error`}>
          {label} {error}.
        </p>
      ) : null}
    </div>
  );
}

/** Props that tie an input to its error notice. */
const invalid = (id: string, error?: string) => (error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {});

/** Options are values, or [value, words] pairs shown as "value — words". */
function Select({ id, name, value, options, any }: { id: string; name: string; value?: string; options: readonly (string | readonly [string, string | null])[]; any: string }) {
  const pairs = options.map((o) => (typeof o === "string" ? ([o, null] as const) : o));
  const all = value && !pairs.some(([v]) => v === value) ? [...pairs, [value, null] as const] : pairs;
  return (
    <select id={id} name={name} defaultValue={value ?? ""} className={inputClass}>
      <option value="">{any}</option>
      {all.map(([v, words]) => (
        <option key={v} value={v}>
          {words ? `${v} — ${words}` : v}
        </option>
      ))}
    </select>
  );
}

/**
 * `raw` holds what the user typed for the fields in `errors`, so a wrong value stays in its box
 * next to the notice that explains it.
 */
export function PaymentFilters({ params, errorCodes, errors = {}, raw = {} }: { params: ListParams; errorCodes: ErrorCodeOption[]; errors?: FilterErrors; raw?: Partial<Record<string, string>> }) {
  const value = (field: keyof FilterErrors) => (errors[field] ? raw[field] : params[field]);
  return (
    <form method="get" action="/payments" aria-label="Filter payments" className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <input type="hidden" name="sort" value={params.sort} />
      <input type="hidden" name="dir" value={params.dir} />
      <input type="hidden" name="size" value={params.size} />
      <div className="grid grid-cols-1 gap-3 min-[360px]:grid-cols-2 md:grid-cols-4 lg:grid-cols-6">
        <Labeled id="f-result" label="Result">
          <select id="f-result" name="result" defaultValue={params.result} className={inputClass}>
            <option value="all">All</option>
            <option value="success">Settled (SUCCESS)</option>
            <option value="failure">Failed (FAILURE)</option>
            <option value="other">Other results</option>
          </select>
        </Labeled>
        <Labeled id="f-error" label="Error code" error={errors.errorCd}>
          <Select id="f-error" name="errorCd" value={params.errorCd} options={errorCodes.map((c) => [c.code, c.description] as const)} any="Any" />
        </Labeled>
        <Labeled id="f-mode" label="Mode" error={errors.mode}>
          <Select id="f-mode" name="mode" value={params.mode} options={PAYMENT_MODES} any="Any" />
        </Labeled>
        <Labeled id="f-type" label="Type" error={errors.type}>
          <Select id="f-type" name="type" value={params.type} options={PAYMENT_TYPES} any="Any" />
        </Labeled>
        <Labeled id="f-from" label="From (IST)" error={errors.from}>
          <input id="f-from" type="date" name="from" defaultValue={value("from")} className={inputClass} {...invalid("f-from", errors.from)} />
        </Labeled>
        <Labeled id="f-to" label="To (IST)" error={errors.to}>
          <input id="f-to" type="date" name="to" defaultValue={value("to")} className={inputClass} {...invalid("f-to", errors.to)} />
        </Labeled>
        <Labeled id="f-buyer" label="Buyer" error={errors.buyer}>
          <PartyInput kind="buyer" id="f-buyer" name="buyer" defaultValue={value("buyer")} className={inputClass} placeholder="Id" extra={invalid("f-buyer", errors.buyer)} />
        </Labeled>
        <Labeled id="f-supplier" label="Supplier" error={errors.supplier}>
          <PartyInput kind="supplier" id="f-supplier" name="supplier" defaultValue={value("supplier")} className={inputClass} placeholder="Name or id" extra={invalid("f-supplier", errors.supplier)} />
        </Labeled>
        <Labeled id="f-min" label="Min amount (₹)" error={errors.min}>
          <input id="f-min" name="min" inputMode="decimal" defaultValue={value("min")} placeholder="0" className={inputClass} {...invalid("f-min", errors.min)} />
        </Labeled>
        <Labeled id="f-max" label="Max amount (₹)" error={errors.max}>
          <input id="f-max" name="max" inputMode="decimal" defaultValue={value("max")} placeholder="no limit" className={inputClass} {...invalid("f-max", errors.max)} />
        </Labeled>
        <div className="flex flex-col justify-end gap-1">
          <label className="inline-flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="warnings" value="1" defaultChecked={params.warnings === "1"} className="h-4 w-4 rounded border-slate-300" />
            Has warnings
          </label>
          <label className="inline-flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="integrity" value="1" defaultChecked={params.integrity === "1"} className="h-4 w-4 rounded border-slate-300" />
            Amounts do not add up
          </label>
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass}>
            Apply
          </button>
          <Link href="/payments" className={secondaryButtonClass}>
            Clear
          </Link>
        </div>
      </div>
      <PeriodLinks label="Date shortcuts" selected={params} hrefFor={(r) => listHref(params, { from: r?.from, to: r?.to, page: 1 })} />
    </form>
  );
}
