"use client";
// A form bound to an admin server action, with its outcome (and a password or secret shown once).
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action-guard";

export function ActionForm({
  action,
  children,
  className,
  testId,
}: {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  children: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, { error: null, message: null });
  return (
    <form action={formAction} className={className} data-testid={testId} aria-busy={pending}>
      {children}
      {state.error ? <p role="alert" className="mt-2 text-sm font-medium text-red-700">{state.error}</p> : null}
      {state.message ? <p role="status" className="mt-2 text-sm text-emerald-800">{state.message}</p> : null}
      {state.password ? (
        <p className="mt-1 text-sm">
          Password: <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono" data-testid="shown-password">{state.password}</code>
        </p>
      ) : null}
      {state.secret ? (
        <p className="mt-1 break-all text-sm">
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono" data-testid="shown-secret">{state.secret}</code>
        </p>
      ) : null}
    </form>
  );
}
