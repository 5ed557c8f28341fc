"use server";
// Sign-in and sign-out as server actions: forms that work without JavaScript, protected against
// cross-site posts by Next's Origin check, setting better-auth's cookies (its nextCookies plugin).
import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getAuth } from "./auth";
import { safeReturnPath } from "../request-context";
import { signInHref } from "./viewer";

export interface SignInState {
  error: string | null;
  email: string;
  /** Signed in: where to go. The browser navigates there afresh, so the new cookie is on the request. */
  next?: string;
}

const signInSchema = z.object({
  email: z.email({ error: "Enter your email address." }),
  password: z.string().min(1, { error: "Enter your password." }).max(128),
  next: z.string().max(2000).optional(),
});

export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password"), next: form.get("next") || undefined });
  const email = String(form.get("email") ?? "");
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form.", email };
  try {
    await (await getAuth()).api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: await headers() });
  } catch (error) {
    if (error instanceof APIError) {
      const message = error.status === "TOO_MANY_REQUESTS" ? error.message : "That email and password do not match an active account.";
      return { error: message, email };
    }
    throw error;
  }
  return { error: null, email, next: safeReturnPath(parsed.data.next) ?? "/" };
}

export async function signOut(): Promise<void> {
  await (await getAuth()).api.signOut({ headers: await headers() });
  redirect(signInHref(null));
}
