/** The database could not store a delivery: the webhook answers 503 so EnKash retries. */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super("database unavailable", { cause });
    this.name = "StorageUnavailableError";
  }
}

/** Prisma's code for a unique-constraint violation (a concurrent twin won the race). */
export function isUniqueViolation(error: unknown): boolean {
  return hasCode(error, "P2002");
}

/** Errors after which the same transaction may succeed when run again. */
export function isRetryable(error: unknown): boolean {
  return isUniqueViolation(error) || hasCode(error, "P2034");
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === code;
}
