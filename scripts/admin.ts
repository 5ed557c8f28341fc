// Users from the shell, for the first administrator and for a forgotten password:
//   npm run admin -- reset-password --email a@b.in [--password …]   (a generated one is printed)
//   npm run admin -- create --email a@b.in --name "A B" --role admin|finance|support [--password …]
//   npm run admin -- list
// Every change is audited (by: shell).
import { parseArgs } from "node:util";
import { createUser, findUserIdByEmail, generatePassword, resetPassword, UserError } from "../lib/auth/users";
import { disconnectDatabase, readPrisma } from "../lib/db";
import { isRole } from "../lib/auth/roles";

const USAGE = `Usage:
  npm run admin -- reset-password --email EMAIL [--password PASSWORD]
  npm run admin -- create --email EMAIL --name NAME --role admin|finance|support [--password PASSWORD]
  npm run admin -- list`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, password: { type: "string" } },
});
const shell = { system: "shell" } as const;

async function main() {
  const [command] = positionals;
  if (command === "list") {
    for (const u of await readPrisma.user.findMany({ orderBy: { email: "asc" } })) console.log(`${u.email}\t${u.role ?? "-"}\t${u.banned ? "disabled" : "active"}`);
    return;
  }
  if (command === "reset-password" && values.email) {
    const id = await findUserIdByEmail(values.email);
    if (!id) throw new UserError(`No user ${values.email}.`);
    const password = values.password ?? generatePassword();
    await resetPassword(shell, id, password);
    console.log(values.password ? "Password changed; the user's sessions have ended." : `New password for ${values.email}: ${password}\n(The user's sessions have ended.)`);
    return;
  }
  if (command === "create" && values.email && values.name && isRole(values.role)) {
    const password = values.password ?? generatePassword();
    await createUser(shell, { email: values.email, name: values.name, role: values.role, password });
    console.log(values.password ? `Created ${values.email}.` : `Created ${values.email} with password: ${password}`);
    return;
  }
  console.error(USAGE);
  process.exitCode = 2;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof UserError ? error.message : error instanceof Error && error.name === "ZodError" ? "Check the values: the password needs at least 12 characters, the email must be one." : error);
    process.exitCode = 1;
  })
  .finally(() => void disconnectDatabase());
