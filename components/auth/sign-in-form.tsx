"use client";

import { useActionState, useEffect } from "react";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { signIn, type SignInState } from "@/lib/auth/actions";

export function SignInForm({ next }: { next: string | null }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, { error: null, email: "" });
  useEffect(() => {
    if (state.next) window.location.assign(state.next);
  }, [state.next]);
  return (
    <form action={action} className="space-y-4" aria-describedby={state.error ? "sign-in-error" : undefined}>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <div>
        <label htmlFor="email" className="mb-1 block text-sm font-medium text-slate-700">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.email} className={inputClass} />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium text-slate-700">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </div>
      {state.error ? (
        <p id="sign-in-error" role="alert" data-testid="sign-in-error" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">{state.error}</p>
      ) : null}
      <button type="submit" className={`${buttonClass} w-full`} disabled={pending}>{pending ? "Signing in…" : "Sign in"}</button>
    </form>
  );
}
