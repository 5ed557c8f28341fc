// better-auth's endpoints (sign-in, sign-out, session, admin): JSON in, JSON out, 401/403 as JSON.
// Scripts and tests sign in with POST /api/auth/sign-in/email {email, password}.
import { getAuth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export { handle as GET, handle as POST };
