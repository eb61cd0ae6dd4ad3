import { spawn, type ChildProcess } from "node:child_process";
import { TEST_WEBHOOK_SECRET, startFakeStripe, type FakeStripe } from "../../lib/payments/testing/fake-stripe";

export interface StripeConfiguredServer {
  base: string;
  fake: FakeStripe;
  stop(): Promise<void>;
}

/**
 * A second server on the same build and database, with Stripe keys and the
 * Stripe API pointed at a local fake that answers like Stripe. Each spec takes
 * its own port offset from E2E_PORT, so specs running side by side never share one.
 */
export async function startStripeConfiguredServer(portOffset: number): Promise<StripeConfiguredServer> {
  const port = Number(process.env.E2E_PORT ?? 3100) + portOffset;
  const base = `http://localhost:${port}`;
  const fake = await startFakeStripe();
  const server: ChildProcess = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    env: {
      ...process.env,
      STRIPE_SECRET_KEY: "sk_test_e2e",
      STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      STRIPE_API_BASE: fake.url,
      APP_URL: base,
      DEV_MAILBOX: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let attempt = 0; ; attempt++) {
    const healthy = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (attempt > 120) throw new Error(`the Stripe-configured server did not start on ${base}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    base,
    fake,
    stop: async () => {
      server.kill("SIGTERM");
      await fake.close();
    },
  };
}
