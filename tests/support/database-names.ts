// Names for the databases the PostgreSQL test passes make on lib/postgres-admin.ts → testPostgresServer.

/** A database name that no other test file or run uses at the same time. */
export const uniqueDatabaseName = (prefix: string): string => `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
