// One source of truth for the data model: prisma/schema.prisma (SQLite). The PostgreSQL schema
// is derived from it by this transformation, and nothing else; tests fail when they drift.

export const PG_HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:sync` — do not edit; edit the SQLite schema.\n";

export function toPostgresSchema(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace('output     = "../generated/prisma"', 'output     = "../../generated/prisma-pg"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./dev.db"', 'url      = "postgresql://postgres@127.0.0.1:5432/payments_desk"');
  if (replaced.split("\n").filter((l) => /generated\/prisma-pg|"postgresql"|postgresql:\/\//.test(l)).length !== 3) {
    throw new Error("prisma/schema.prisma no longer has the generator output / provider / url lines schema-sync expects");
  }
  return PG_HEADER + replaced;
}
