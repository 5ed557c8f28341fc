import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  // Tests mutate example payloads freely to build malformed and edge-case bodies.
  { files: ["tests/**/*.ts", "e2e/**/*.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  { ignores: [".next/**", "generated/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "e2e-artifacts/**"] },
];

export default config;
