/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Keeps `next dev` from writing an AGENTS.md into the project.
  agentRules: false,
};

export default nextConfig;
