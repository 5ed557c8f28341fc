// Reading the two generated clients and the structure a migrations folder produces.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const root = path.resolve(import.meta.dirname, "../..");
export const read = (file: string) => readFileSync(path.join(root, file), "utf8");
export const folders = (dir: string) => readdirSync(path.join(root, dir)).filter((n) => /^\d/.test(n)).sort();

export function runtimeModel(client: "prisma" | "prisma-pg") {
  const line = read(`generated/${client}/internal/class.ts`).split("\n").find((l) => l.startsWith("config.runtimeDataModel = JSON.parse("));
  if (!line) throw new Error(`generated/${client} has no runtime data model: run npm install`);
  const json = JSON.parse(JSON.parse(line.slice("config.runtimeDataModel = JSON.parse(".length, -1))) as {
    models: Record<string, { fields: { name: string; kind: string }[] }>;
  };
  return json.models;
}

/** table → sorted scalar columns, plus all index names, of a migrated database. */
export type Structure = { columns: Record<string, string[]>; indexes: string[] };

export function sqliteStructure(): Structure {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "parity-")), "p.db");
  const db = new Database(file);
  for (const name of folders("prisma/migrations")) db.exec(read(`prisma/migrations/${name}/migration.sql`));
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
  const columns = Object.fromEntries(tables.map((t) => [t, (db.pragma(`table_info("${t}")`) as { name: string }[]).map((c) => c.name).sort()]));
  const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((i) => i.name).sort();
  db.close();
  return { columns, indexes };
}
