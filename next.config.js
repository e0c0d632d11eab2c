/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // kafkajs and @platformatic/kafka open raw sockets; keep them out of the server bundle.
  serverExternalPackages: ['kafkajs', '@platformatic/kafka'],
  // `npm run typecheck` checks the whole repository (strict); the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
