import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const EXAMPLES = ["resp-pay-success-two-invoices-neft.json", "resp-pay-failure-imps.json", "resp-pay-minimal-upi.json"];

export function exampleText(name: string): string {
  return readFileSync(path.resolve("tests", "fixtures", "enkash", name), "utf8"); // run from the project root
}

/** Read-only view of the database the e2e server writes to. */
export function openServerDatabase(): Database.Database {
  return new Database(process.env.E2E_DATABASE_URL!.replace(/^file:/, ""), { readonly: true });
}
