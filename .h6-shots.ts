import { spawn } from "node:child_process";
import { chromium } from "/work/main/node_modules/playwright-core/index.mjs";
import { TEST_WEBHOOK_SECRET, signedStripeEvent, startFakeStripe } from "./lib/payments/testing/fake-stripe";

const PORT = 3560;
const base = `http://localhost:${PORT}`;
const out = "/tmp/h6/shots";
const [clara, paula] = process.argv.slice(2);
const password = "pays for visits safely";

const fake = await startFakeStripe();
const server = spawn("node_modules/.bin/next", ["start", "-p", String(PORT)], {
  env: { ...process.env, NEXT_DIST_DIR: ".next-h6", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/careslot_e2e_3500", AUTH_SECRET: "screenshot-secret-screenshot-secret-0123", APP_URL: base, DEV_MAILBOX: "1", STRIPE_SECRET_KEY: "sk_test_shots", STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_BASE: fake.url, LOG_LEVEL: "warn" },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    if (i > 120) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  async function as(email: string) {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 }, timezoneId: "Europe/London" });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(email.includes("careslot.example") ? "careslot-demo-2026" : password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    return page;
  }
  const shot = async (page: any, name: string, path?: string) => {
    if (path) await page.goto(path);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
    console.log("shot", name, page.url());
  };

  const c = await as(clara);
  await shot(c, "01-patient-payments-clinic", "/patient/payments");
  await c.getByRole("link", { name: /Receipt/ }).first().click();
  await shot(c, "02-receipt-clinic");
  await shot(c, "03-patient-appointments-clinic", "/patient/appointments");
  await c.getByRole("table", { name: "Upcoming appointments" }).getByRole("link").first().click();
  await shot(c, "04-appointment-clinic");

  const p = await as(paula);
  await shot(p, "05-patient-appointments-card", "/patient/appointments");
  await p.getByRole("table", { name: "Upcoming appointments" }).getByRole("link").first().click();
  await shot(p, "06-appointment-paid");
  const paidId = p.url().split("/").pop()!.split("?")[0];
  await shot(p, "07-cancel-with-refund", `/patient/appointments/${paidId}/cancel`);
  // A new hold with the Stripe server: the booking panel, then the redirect and the waiting page.
  await p.goto("/doctors/00000000-0000-4000-8000-000000000210");
  await p.getByRole("navigation", { name: "Next available days" }).getByRole("link").nth(3).click();
  await p.getByRole("group", { name: /Free times on/ }).getByRole("button").first().click();
  await shot(p, "08-booking-panel-pay-now");
  await p.getByRole("button", { name: "Book appointment" }).click();
  await p.waitForURL(/\/pay\/cs_test_/);
  const created = fake.requestsTo("POST", "/v1/checkout/sessions").at(-1)!;
  const heldId = created.form["metadata[appointmentId]"];
  const sessionId = p.url().split("/pay/")[1];
  await shot(p, "09-waiting-for-payment", `/patient/appointments/${heldId}?checkout=cancelled`);
  await shot(p, "10-waiting-after-success", `/patient/appointments/${heldId}?checkout=success`);
  const expired = signedStripeEvent("checkout.session.expired", { id: sessionId, object: "checkout.session", status: "expired", payment_status: "unpaid", metadata: { appointmentId: heldId } });
  console.log("expired webhook", (await fetch(`${base}/api/webhooks/stripe`, { method: "POST", body: expired.payload, headers: { "stripe-signature": expired.header } })).status);
  await shot(p, "11-slot-released", `/patient/appointments/${heldId}`);
  await shot(p, "12-patient-payments-card", "/patient/payments");

  const d = await as("dr.schmidt@careslot.example");
  await shot(d, "13-doctor-payments", "/doctor/payments");
  const a = await as("admin@careslot.example");
  await shot(a, "14-admin-payments", "/admin/payments");
  await a.getByRole("link", { name: /Details/ }).first().click();
  await shot(a, "15-admin-payment-detail");
  await a.getByLabel(/Amount to refund/).fill("5000");
  await a.getByLabel("Reason").fill("x");
  await a.getByRole("button", { name: "Issue refund" }).click();
  await a.waitForTimeout(1500);
  await shot(a, "16-admin-refund-errors");
  await browser.close();
} finally {
  server.kill("SIGTERM");
  await fake.close();
}
