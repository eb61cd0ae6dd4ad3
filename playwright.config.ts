import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./scripts/lib/chromium";

const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "./e2e",
  outputDir: `test-results/${port}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    timezoneId: "Europe/London",
    ...devices["Desktop Chrome"],
    launchOptions: chromiumLaunchOptions(),
  },
  // Specs that change how everyone signs in (*.alone.spec.ts) run first, on their own; the rest after them.
  projects: [
    { name: "alone", testMatch: /\.alone\.spec\.ts$/ },
    { name: "main", testIgnore: /\.alone\.spec\.ts$/, dependencies: ["alone"] },
  ],
  // The standalone server, as deployed (README → Deploy): `npm run build` made it and copied the static files beside it.
  webServer: {
    command: `node ${process.env.NEXT_DIST_DIR ?? ".next"}/standalone/server.js`,
    // HOSTNAME 0.0.0.0: every interface, as `next start` listened (a shell or container may export its own HOSTNAME).
    env: { PORT: String(port), HOSTNAME: "0.0.0.0" },
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
