// PostgreSQL's locks for writes, as SQL text shared by the Prisma path (lib/db.ts) and the
// group-commit writer (lib/ingest/script.ts), so both take them alike.

/**
 * Holds a row read until the transaction ends. NO KEY UPDATE, not UPDATE: a signal raised on the
 * payment by another payment's transaction (its foreign key takes KEY SHARE) must not wait for it.
 */
export const ROW_LOCK = "FOR NO KEY UPDATE";

/** Holds the payment's row until the transaction ends. */
export const LOCK_PAYMENT_SQL = `SELECT "id" FROM "Payment" WHERE "objectId" = $1 ${ROW_LOCK}`;

/** Named advisory locks until the transaction ends, taken in one sorted order so no two writers wait on each other. */
export const NAMED_LOCKS_SQL = `SELECT count(pg_advisory_xact_lock(h))::int AS n
  FROM (SELECT DISTINCT hashtextextended(name, 7) AS h FROM unnest($1::text[]) AS name ORDER BY 1) AS locks`;
