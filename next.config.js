/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The container image runs .next/standalone/server.js with only the traced node_modules;
  // `next start` (npm start, tests) keeps working from the same build.
  output: 'standalone',
  // Trace from this directory so server.js lands at .next/standalone/server.js, whatever
  // lockfiles sit in parent directories.
  outputFileTracingRoot: import.meta.dirname,
  // kafkajs and @platformatic/kafka open raw sockets; keep them out of the server bundle.
  serverExternalPackages: ['kafkajs', '@platformatic/kafka'],
  // `npm run typecheck` checks the whole repository (strict); the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
