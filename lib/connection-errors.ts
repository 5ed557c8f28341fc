// What a dead or unreachable database connection looks like from the drivers (pg, Node sockets).
// The pool (lib/postgres-pool.ts) drops a connection that fails like this; ingest
// (lib/ingest/errors.ts) tells such failures apart from the database refusing a message.

/** 08: connection exception; 57P01-03: the server is shutting down; E…: the socket. */
const CONNECTION_CODE = /^(08|57P0[123]$|E(CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH|NETUNREACH|CONNREFUSED)$)/;
const CONNECTION_TEXT = /Query read timeout|Connection terminated|not queryable|timeout exceeded/i;

export function isConnectionErrorCode(code: string): boolean {
  return CONNECTION_CODE.test(code);
}

export function isConnectionErrorText(message: string): boolean {
  return CONNECTION_TEXT.test(message);
}

/** The client stopped waiting for an answer (pg's query_timeout): the connection went silent. */
export function isSilentConnection(error: unknown): boolean {
  return error instanceof Error && /Query read timeout/i.test(error.message);
}

/** An error after which a connection cannot be trusted with another query. */
export function isBrokenConnection(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === "string" && isConnectionErrorCode(code)) || isConnectionErrorText(error.message);
}
