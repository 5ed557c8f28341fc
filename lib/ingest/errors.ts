// Why storing failed decides what EnKash is told: 503 (retry) only for what a retry can fix.
import { isConnectionErrorCode, isConnectionErrorText } from "../connection-errors";

/** The database is unavailable or busy: the webhook answers 503 so EnKash retries. */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super("database unavailable", { cause });
    this.name = "StorageUnavailableError";
  }
}

/** This message can never be stored as it is (a value the database refuses): a 4xx, kept as rejected. */
export class UnstorableMessageError extends Error {
  constructor(
    readonly description: string,
    cause: unknown,
  ) {
    super(`message cannot be stored: ${description}`, { cause });
    this.name = "UnstorableMessageError";
  }
}

/** Codes found anywhere in an error's chain (Prisma, driver adapter, driver). */
function codesOf(error: unknown): Set<string> {
  const codes = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (node: unknown, depth: number) => {
    if (depth > 6 || node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string, unknown>;
    for (const key of ["code", "originalCode", "kind", "name"]) if (typeof record[key] === "string") codes.add(record[key]);
    for (const key of ["cause", "meta", "driverAdapterError"]) visit(record[key], depth + 1);
  };
  visit(error, 0);
  return codes;
}

// A concurrent twin committed first (unique key), or the database asks for the transaction again.
const RETRY = new Set(["P2002", "P2034", "UniqueConstraintViolation", "TransactionWriteConflict", "40001", "40P01"]);

// Values the database will refuse however often they are sent.
const DETERMINISTIC = [
  "PrismaClientValidationError", // arguments the client refuses (a value out of a field's range)
  "P2000", "P2005", "P2006", "P2007", "P2009", "P2011", "P2012", "P2019", "P2020", "P2023",
  "LengthMismatch", "ValueOutOfRange", "NullConstraintViolation",
  "SQLITE_TOOBIG", "SQLITE_MISMATCH", "SQLITE_RANGE", "SQLITE_CONSTRAINT_NOTNULL", "SQLITE_CONSTRAINT_CHECK",
];
// PostgreSQL SQLSTATE classes: 22 data exception, 54 program limit exceeded (e.g. index row size).
const DETERMINISTIC_SQLSTATE = /^(22[0-9A-Z]{3}|54[0-9A-Z]{3}|23502|23514)$/;

export type StorageFailure = "retry" | "deterministic" | "unavailable";

/** Retry the transaction, refuse the message (4xx), or tell EnKash to retry later (503). */
export function classifyStorageError(error: unknown): StorageFailure {
  const codes = codesOf(error);
  if ([...codes].some((c) => RETRY.has(c))) return "retry";
  if ([...codes].some((c) => DETERMINISTIC.includes(c) || DETERMINISTIC_SQLSTATE.test(c))) return "deterministic";
  return "unavailable";
}

/** A description of a storage error that is safe to keep and show: codes, never values. */
export function describeStorageError(error: unknown): string {
  const codes = [...codesOf(error)].filter((c) => /^(P\d{4}|\d{2}[0-9A-Z]{3}|SQLITE_[A-Z_]+)$/.test(c));
  return codes.length > 0 ? `the database refused a value (${codes.join(", ")})` : "the database refused a value";
}

/** A unique key refused a second row: someone else created it first. */
export function isUniqueViolation(error: unknown): boolean {
  const codes = codesOf(error);
  return codes.has("P2002") || codes.has("UniqueConstraintViolation");
}

// The database could not be reached, or is held by someone else: nothing more can be written now.
// Beyond what the drivers say of a dead connection (lib/connection-errors.ts), Prisma's and SQLite's words.
const CONNECTIVITY = new Set([
  "P1001", "P1002", "P1008", "P1017", "P2024", "DatabaseNotReachable", "DatabaseDoesNotExist", "ConnectionClosed",
  "SocketTimeout", "TooManyConnections", "TransactionStartTimeout", "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN", "SQLITE_IOERR",
]);
const CONNECTIVITY_TEXT = /Unable to start a transaction|database is locked|Can't reach database/i;

/**
 * Whether storing failed because the database was out of reach (or locked), as opposed to the
 * database answering with an error about this message (a statement that ran too long, a trigger,
 * a full disk). In the second case the delivery alone can still be kept.
 */
export function isConnectivityFailure(error: unknown): boolean {
  const codes = codesOf(error);
  if ([...codes].some((c) => CONNECTIVITY.has(c) || isConnectionErrorCode(c))) return true;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    if (CONNECTIVITY_TEXT.test(e.message) || isConnectionErrorText(e.message)) return true;
  }
  return false;
}
