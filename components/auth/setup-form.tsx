"use client";

import { useActionState } from "react";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { createFirstAdministrator, type SetupState } from "@/app/setup/actions";

const FIELDS = [
  { name: "email", label: "Email", type: "email", autoComplete: "username" },
  { name: "name", label: "Name", type: "text", autoComplete: "name" },
  { name: "password", label: "Password (at least 12 characters)", type: "password", autoComplete: "new-password" },
  { name: "confirm", label: "Password again", type: "password", autoComplete: "new-password" },
] as const;

export function SetupForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<SetupState, FormData>(createFirstAdministrator, { error: null });
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {FIELDS.map((f) => (
        <div key={f.name}>
          <label htmlFor={`setup-${f.name}`} className="mb-1 block text-sm font-medium text-slate-700">{f.label}</label>
          <input id={`setup-${f.name}`} name={f.name} type={f.type} autoComplete={f.autoComplete} required className={inputClass} />
        </div>
      ))}
      {state.error ? <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">{state.error}</p> : null}
      <button type="submit" className={`${buttonClass} w-full`} disabled={pending}>Create the administrator</button>
    </form>
  );
}
