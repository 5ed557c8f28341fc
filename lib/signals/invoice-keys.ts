// How an invoice is recognised across payments: by its EnKash objectId, or by its supplier and the
// supplier's own invoice number. Invoice search and the duplicate-payment check both use this.

/**
 * A supplier invoice number as compared: without spaces, tabs or line breaks, ASCII letters in
 * upper case ("inv 001" and "INV001" are one invoice). Only ASCII letters change case, exactly as
 * the migration's SQL backfill does on both databases. null when nothing is left.
 */
export function invoiceNumberKey(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const key = asciiUpperCase(value.replace(/[ \t\n\r]/g, ""));
  return key === "" ? null : key;
}

/**
 * Only ASCII letters upper-cased: what SQL upper() does on SQLite (and on PostgreSQL with COLLATE
 * "C"), so the migrations' backfills compute the same keys as ingest.
 */
export function asciiUpperCase(text: string): string {
  return text.replace(/[a-z]/g, (c) => c.toUpperCase());
}

/** One way of naming an invoice: its objectId, or a supplier's invoice number key. */
export type InvoiceIdentity = { by: "objectId"; objectId: string } | { by: "number"; supplierB2BId: string; numberKey: string };

/** The signal subject (and lock name) for an invoice identity: stable, and distinct per kind. */
export function identitySubject(identity: InvoiceIdentity): string {
  return identity.by === "objectId" ? `invoice:${identity.objectId}` : `number:${JSON.stringify([identity.supplierB2BId, identity.numberKey])}`;
}

export function parseIdentitySubject(subject: string): InvoiceIdentity | null {
  if (subject.startsWith("invoice:")) return { by: "objectId", objectId: subject.slice("invoice:".length) };
  if (!subject.startsWith("number:")) return null;
  try {
    const [supplierB2BId, numberKey] = JSON.parse(subject.slice("number:".length)) as [string, string];
    return typeof supplierB2BId === "string" && typeof numberKey === "string" ? { by: "number", supplierB2BId, numberKey } : null;
  } catch {
    return null;
  }
}

/** Every identity of a payment's invoices (each invoice by objectId and by number, when it has them). */
export function invoiceIdentities(supplierB2BId: string, invoices: { objectId: string | null; invoiceNumberKey: string | null }[]): InvoiceIdentity[] {
  const out = new Map<string, InvoiceIdentity>();
  for (const invoice of invoices) {
    if (invoice.objectId) {
      const identity: InvoiceIdentity = { by: "objectId", objectId: invoice.objectId };
      out.set(identitySubject(identity), identity);
    }
    if (invoice.invoiceNumberKey) {
      const identity: InvoiceIdentity = { by: "number", supplierB2BId, numberKey: invoice.invoiceNumberKey };
      out.set(identitySubject(identity), identity);
    }
  }
  return [...out.values()];
}
