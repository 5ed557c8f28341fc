import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { SimpleTable } from "@/components/ui/simple-table";
import { buttonClass, inputClass, secondaryButtonClass, tdClass } from "@/components/ui/styles";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/auth/roles";
import { listUsers } from "@/lib/auth/users";
import { requireViewer } from "@/lib/auth/viewer";
import { changeRoleAction, createUserAction, resetPasswordAction, setDisabledAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

function RoleSelect({ id, value }: { id: string; value?: string | null }) {
  return (
    <select id={id} name="role" defaultValue={value ?? "support"} className={`${inputClass} w-auto`}>
      {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
    </select>
  );
}

export default async function UsersPage() {
  const viewer = await requireViewer("users:manage");
  const users = await listUsers(viewer);
  return (
    <>
      <PageTitle title="Users" subtitle="Who can sign in, and what their role lets them see. Disabling someone ends their sessions at once." />
      <div className="grid grid-cols-1 gap-4">
        <Card title="Add a user">
          <ActionForm action={createUserAction} className="grid gap-3 sm:grid-cols-5 sm:items-end" testId="create-user">
            <div>
              <label htmlFor="new-email" className="mb-1 block text-xs font-medium text-slate-600">Email</label>
              <input id="new-email" name="email" type="email" required className={inputClass} />
            </div>
            <div>
              <label htmlFor="new-name" className="mb-1 block text-xs font-medium text-slate-600">Name</label>
              <input id="new-name" name="name" required className={inputClass} />
            </div>
            <div>
              <label htmlFor="new-role" className="mb-1 block text-xs font-medium text-slate-600">Role</label>
              <RoleSelect id="new-role" />
            </div>
            <div>
              <label htmlFor="new-password" className="mb-1 block text-xs font-medium text-slate-600">Password (blank: generate one)</label>
              <input id="new-password" name="password" type="password" autoComplete="new-password" minLength={12} className={inputClass} />
            </div>
            <button type="submit" className={buttonClass}>Add user</button>
          </ActionForm>
          <ul className="mt-3 space-y-0.5 text-xs text-slate-600">
            {ROLES.map((r) => <li key={r}><span className="font-medium">{r}</span>: {ROLE_DESCRIPTIONS[r]}</li>)}
          </ul>
        </Card>
        <SimpleTable testId="users-table" columns={[{ label: "User" }, { label: "Role" }, { label: "Status" }, { label: "Sessions", numeric: true }, { label: "Created (IST)" }, { label: "Actions" }]}>
          {users.map((u) => (
            <tr key={u.id} data-email={u.email}>
              <td className={tdClass}><div className="font-medium">{u.name}{u.isYou ? " (you)" : ""}</div><div className="text-xs text-slate-500">{u.email}</div></td>
              <td className={tdClass}>
                <ActionForm action={changeRoleAction} className="flex items-center gap-2">
                  <input type="hidden" name="id" value={u.id} />
                  <label htmlFor={`role-${u.id}`} className="sr-only">Role of {u.email}</label>
                  <RoleSelect id={`role-${u.id}`} value={u.role} />
                  <button type="submit" className={secondaryButtonClass}>Change</button>
                </ActionForm>
              </td>
              <td className={tdClass}>{u.disabled ? <span className="font-medium text-red-700">Disabled</span> : "Active"}</td>
              <td className={`${tdClass} text-right tabular-nums`}>{u.sessions}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{u.created}</td>
              <td className={tdClass}>
                <div className="flex flex-wrap gap-2">
                  <ActionForm action={setDisabledAction}>
                    <input type="hidden" name="id" value={u.id} />
                    <input type="hidden" name="disabled" value={u.disabled ? "false" : "true"} />
                    <button type="submit" className={secondaryButtonClass}>{u.disabled ? "Enable" : "Disable"}</button>
                  </ActionForm>
                  <ActionForm action={resetPasswordAction}>
                    <input type="hidden" name="id" value={u.id} />
                    <button type="submit" className={secondaryButtonClass}>Reset password</button>
                  </ActionForm>
                </div>
              </td>
            </tr>
          ))}
        </SimpleTable>
      </div>
    </>
  );
}
