import { defineConfig } from "vitest/config";
import path from "node:path";

// Every test runs with the process clock zone pinned to UTC, so nothing passes by
// accident on a developer machine that happens to sit in the doctor's zone.
process.env.TZ = "UTC";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "inngest/**/*.test.ts", "tests/**/*.test.ts", "scripts/**/*.test.ts"],
    // The AWS SDK warns once per process that Node 20 support ends in 2027 (README → Medical records says so); not test output.
    env: { TZ: "UTC", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses;
    // inlining lets Vite resolve it, so route-handler tests can load lib/auth.
    server: { deps: { inline: ["next-auth"] } },
    globalSetup: ["./tests/global-setup.ts"],
    setupFiles: ["./tests/setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
