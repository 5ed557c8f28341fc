"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { completeSetup } from "@/lib/auth/bootstrap";
import { passwordSchema, UserError } from "@/lib/auth/users";

export interface SetupState {
  error: string | null;
}

const setupSchema = z
  .object({
    token: z.string().min(1).max(200),
    email: z.email({ error: "Enter an email address." }),
    name: z.string().trim().min(1, { error: "Enter a name." }).max(100),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { error: "The two passwords differ.", path: ["confirm"] });

export async function createFirstAdministrator(_previous: SetupState, form: FormData): Promise<SetupState> {
  const parsed = setupSchema.safeParse(Object.fromEntries(["token", "email", "name", "password", "confirm"].map((k) => [k, form.get(k) ?? ""])));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form." };
  try {
    await completeSetup(parsed.data.token, { email: parsed.data.email, name: parsed.data.name, password: parsed.data.password });
  } catch (error) {
    if (error instanceof UserError) return { error: error.message };
    throw error;
  }
  redirect("/sign-in");
}
