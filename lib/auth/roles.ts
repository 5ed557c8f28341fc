// Who may do what (README → Roles). Deny by default: a permission not granted here is refused,
// and every page, route, server action and data-layer function that reads payment data checks one.

export const ROLES = ["admin", "finance", "support"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** The payments list: browse, filter, sort, totals. */
  "payments:browse": ["admin", "finance"],
  /** One payment's page (invoices, splits, masked bank details, delivery history). */
  "payments:read": ["admin", "finance", "support"],
  /** UTR search and bulk lookup. */
  "utr:search": ["admin", "finance", "support"],
  /** The delivery log (summaries: outcome, reason, ids). */
  "deliveries:read": ["admin", "finance", "support"],
  /** Raw JSON bodies and request headers, on the payment and delivery pages. */
  "raw:read": ["admin", "finance"],
  /** Exports (CSV, Excel). */
  "export": ["admin", "finance"],
  /** Signals (invoices paid twice, new bank accounts, contradictions, confirmations) and invoice search. */
  "signals:read": ["admin", "finance"],
  /** Mark a signal reviewed, with a note. */
  "signals:review": ["admin", "finance"],
  /** Bank statements: the matching results and their export. */
  "statements:read": ["admin", "finance"],
  /** Upload a bank statement, and accept or reject a suggested match. */
  "statements:manage": ["admin", "finance"],
  /** Mark a supplier's new bank account verified. */
  "accounts:verify": ["admin"],
  "users:manage": ["admin"],
  "audit:read": ["admin"],
  "settings:manage": ["admin"],
  /** Describe EnKash error codes in plain words (Admin → Error codes). */
  "errorCodes:edit": ["admin"],
  /** Re-process rejected deliveries, and apply retention now. */
  "deliveries:replay": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Everything, plus users, settings and the audit log",
  finance: "Browse, filter and drill into payments; raw deliveries; export",
  support: "UTR search and bulk lookup, payment pages and the delivery log; no raw bodies, no export",
};
