// Runs before every page: a fresh CSP nonce per response (Next puts it on its own scripts), the
// security headers, and a quick redirect to sign-in for a browser without a session cookie. That
// redirect is only a shortcut: pages, actions and the data layer check the session themselves.
import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "./lib/request-context";

const PUBLIC_PAGES = new Set(["/sign-in", "/setup"]);

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signedIn = request.cookies.getAll().some((c) => c.name.endsWith("payments-desk.session_token"));
  // Client-router requests (RSC payloads, prefetches) are left to the page's own redirect, which
  // the router follows; an HTTP redirect here would make it reload the page and forget `next`.
  const routerRequest = request.headers.has("rsc") || request.headers.has("next-router-prefetch");
  if (!signedIn && !routerRequest && !PUBLIC_PAGES.has(pathname)) {
    const target = new URL("/sign-in", request.url);
    if (pathname !== "/") target.searchParams.set("next", pathname + search);
    return NextResponse.redirect(target);
  }
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  headers.set(PATH_HEADER, pathname + search);
  // A path whose %-escapes do not decode (%E0%A4%A) names nothing: a styled 400, never a 500.
  const response = wellFormed(pathname)
    ? NextResponse.next({ request: { headers } })
    : NextResponse.rewrite(new URL("/bad-request", request.url), { request: { headers }, status: 400 });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

function wellFormed(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  // Pages only: API routes answer JSON (401/403, never a redirect page) and static files need none.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
