// Long lists cut into pieces: IN lists and multi-row INSERTs stay within what a statement carries
// (SQLite binds at most 32,766 values; PostgreSQL 65,535).

/** Values per IN list or rows per INSERT, unless a caller says otherwise. */
export const BATCH_SIZE = 500;

export function inBatches<T>(values: readonly T[], size: number = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < values.length; at += size) out.push(values.slice(at, at + size));
  return out;
}
