/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The container image runs .next/standalone/server.js with only the traced node_modules;
  // npm start runs the same server.js; `next start` (the console tests) works from this build too.
  output: 'standalone',
  // Trace from this directory so server.js lands at .next/standalone/server.js, whatever
  // lockfiles sit in parent directories.
  outputFileTracingRoot: import.meta.dirname,
  // kafkajs opens raw sockets; keep it out of the server bundle.
  serverExternalPackages: ['kafkajs'],
  // Topic and group pages take their <title> from generateMetadata. Streamed into the body (Next's
  // default for browsers) it made React report hydration error #418 on /topic/* and /consumer/*;
  // resolved before the <head> is sent, as for bots, the server and browser trees match.
  htmlLimitedBots: /.*/,
  eslint: { ignoreDuringBuilds: true },
  experimental: {
    // Next copies a request body for the middleware, cutting it at this size. Keep it above the
    // largest body any route accepts (BODY_CEILING, 16 MiB, in lib/server/http/body-limit.ts,
    // plus a stream chunk), so a route always sees the whole body up to its limit and answers 413.
    middlewareClientMaxBodySize: 17 * 1024 * 1024,
  },
  // Static assets bypass middleware.ts; they get the same headers here.
  async headers() {
    return [
      {
        source: '/_next/static/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

export default nextConfig;
