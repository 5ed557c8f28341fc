import { readFileSync } from "node:fs";

const securityHeaders = JSON.parse(readFileSync(new URL("./lib/security-headers.json", import.meta.url), "utf8"));

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Keeps `next dev` from writing an AGENTS.md into the project.
  agentRules: false,
  // forbidden(): a 403 page for a role that may not open a page.
  // Server actions carry bank statements (lib/statements/read-file.ts MAX_STATEMENT_BYTES is 5 MB).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "6mb" } },
  // `npm test` (scripts/test-all.sh) builds first and then type-checks the whole project with tsc,
  // the route types this build generates in .next/types included: the build's own check would be
  // the same work twice. Any other build checks types itself.
  typescript: { ignoreBuildErrors: process.env.TYPECHECK_AFTER_BUILD === "1" },
  // Every response, pages and API alike (lib/security-headers.json; scripts/serve.ts adds the same to
  // the webhooks it serves itself, lib/webhook/fast-path.ts). The CSP (with a nonce per response)
  // comes from proxy.ts, and HSTS from scripts/serve.ts when the request arrived over HTTPS.
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
