import type { Page } from "@playwright/test";
import { signedStripeEvent } from "../lib/payments/testing/fake-stripe";
import { closeTestData, createDoctor, createPatient } from "./pages/admin-data";
import { MailboxPage } from "./pages/mailbox-page";
import { startStripeConfiguredServer, type StripeConfiguredServer } from "./pages/stripe-server";
import { BookingPage, expectAppointmentBooked } from "./pages/booking-page";
import { SignInPage } from "./pages/sign-in-page";
import { demo, DESKTOP, expect, expectNoSeriousA11yViolations, PHONE, test } from "./fixtures";

// Issue #19. Without card payments (the default install): an admin credits a
// patient's wallet (and sees it in the reconciliation), the patient sees it,
// pays a visit from it, and a cancellation refunds it to the wallet at once;
// "Add funds" and "Withdraw to card" say what they need. With Stripe
// configured (a second server against the fake Stripe): funds added through
// Checkout are credited by the webhook once, with a receipt, and withdrawn to
// the card.

test.afterAll(closeTestData);

async function signInAs(page: Page, email: string) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, demo.password);
  await expect(page).toHaveURL(/\/admin$/);
}

test("an admin credits a wallet; the patient pays a visit from it and gets it back on cancelling", async ({ page, signIn, browser }) => {
  test.slow();
  const [doctor, patient] = [await createDoctor({ name: "Dr. Walletpay", verified: true }), await createPatient("Wanda Wallet")];

  // The admin: "Adjust balance", confirmed in the dialog, answered in place.
  const adminContext = await browser.newContext({ viewport: DESKTOP });
  const admin = await adminContext.newPage();
  await signInAs(admin, demo.admin.email);
  await admin.goto(`/admin/users/${patient.id}`);
  await admin.getByLabel("Amount").fill("100.00");
  await admin.getByLabel("Reason").fill("Goodwill for a long wait");
  await admin.getByRole("button", { name: "Adjust balance" }).click();
  const dialog = admin.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await admin.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await admin.getByRole("button", { name: "Adjust balance" }).click();
  await dialog.getByRole("button", { name: `Adjust the balance of ${patient.fullName} by 100.00 EUR` }).click();
  await expect(admin.getByText("Credited €100.00 to the wallet.")).toBeVisible();
  await expectNoSeriousA11yViolations(admin);
  // The reconciliation: per currency, what patients hold and the checks that the books balance.
  await admin.goto("/admin/payments");
  await admin.getByRole("link", { name: "Wallet reconciliation" }).click();
  const eur = admin.getByRole("table", { name: "Wallet totals per currency" }).getByRole("row").filter({ hasText: "EUR" });
  await expect(eur).toContainText("✓ The ledger sums to zero");
  await expect(eur).toContainText("✓ Balances equal credits minus debits");
  await expect(eur).toContainText("✓ Credited top-ups match Stripe");
  await expectNoSeriousA11yViolations(admin);
  await adminContext.close();

  // The patient's wallet page.
  await page.setViewportSize(PHONE);
  await signIn(patient.email);
  await page.goto("/patient/wallet");
  await expect(page.getByText("Balance (EUR)")).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "€100.00" })).toBeVisible();
  const history = page.getByRole("table", { name: "Your wallet movements" });
  await expect(history.getByRole("row").filter({ hasText: "Goodwill for a long wait" })).toContainText("+€100.00");
  // No card payments here: one card says what both card actions need, instead of two forms.
  const cardActions = page.locator("section").filter({ has: page.getByRole("heading", { name: "Add funds or withdraw to a card", exact: true }) });
  await expect(cardActions).toContainText("Adding funds and withdrawing to a card need card payments, which this clinic has not set up.");
  await expect(cardActions.getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Add funds", exact: true })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  const download = await page.request.get("/patient/wallet/export");
  expect(download.headers()["content-type"]).toContain("text/csv");
  expect(await download.text()).toContain("Adjustment by the clinic,Goodwill for a long wait,100.00,100.00,EUR");

  // Booking: "Pay from wallet balance" is offered and chosen; the visit is confirmed and paid.
  await page.setViewportSize(DESKTOP);
  const booking = new BookingPage(page);
  await booking.goto(doctor.id);
  await booking.openDayBeyondCancellationWindow();
  await booking.pickFirstSlot();
  const fromWallet = page.getByRole("radio", { name: /Pay from wallet balance/ });
  await expect(fromWallet).toBeChecked();
  await expect(page.getByText("Balance €100.00; €50.00 is taken from it now and the visit is confirmed.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await booking.book("Paid from my balance");
  const appointmentId = await expectAppointmentBooked(page);
  await page.goto(`/patient/appointments/${appointmentId}`);
  await expect(page.getByText("Paid from your wallet balance — confirmed")).toBeVisible();
  await page.goto("/patient/wallet");
  await expect(page.getByRole("definition").filter({ hasText: "€50.00" }).first()).toBeVisible();
  await expect(history.getByRole("row").filter({ hasText: "Visit paid from wallet" })).toContainText("−€50.00");

  // Cancelling more than a day ahead: the refund goes back to the wallet at once.
  await page.goto("/patient/appointments");
  const row = page.getByRole("table", { name: "Upcoming appointments" }).getByRole("row").filter({ hasText: doctor.fullName });
  await row.getByRole("button", { name: "Cancel appointment" }).click();
  await expect(page.getByText(/^€50\.00 will be refunded to your wallet balance\./)).toBeVisible();
  await page.getByLabel(/Reason for cancelling/).fill("Feeling better, no longer needed");
  await page.getByRole("button", { name: "Confirm cancellation" }).click();
  await expect(page.getByText("Your appointment was cancelled")).toBeVisible();
  await page.goto("/patient/wallet");
  const refund = history.getByRole("row").filter({ hasText: "Visit refund to wallet" });
  await expect(refund).toContainText("+€50.00");
  await expect(refund.getByRole("cell").last()).toHaveText("€100.00");
});

test("a balance too small for the visit shows the wallet option disabled, with the shortfall", async ({ page, signIn, browser }) => {
  const [doctor, patient] = [await createDoctor({ name: "Dr. Shortfall", verified: true }), await createPatient("Sam Short")];
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, demo.admin.email);
  await admin.goto(`/admin/users/${patient.id}`);
  await admin.getByLabel("Amount").fill("20");
  await admin.getByLabel("Reason").fill("Small credit");
  await admin.getByRole("button", { name: "Adjust balance" }).click();
  await admin
    .getByRole("dialog")
    .getByRole("button", { name: /^Adjust the balance of/ })
    .click();
  await expect(admin.getByText("Credited €20.00 to the wallet.")).toBeVisible();
  await adminContext.close();

  await signIn(patient.email);
  const booking = new BookingPage(page);
  await booking.goto(doctor.id);
  await booking.openDayBeyondCancellationWindow();
  await booking.pickFirstSlot();
  await expect(page.getByRole("radio", { name: /Pay from wallet balance/ })).toBeDisabled();
  await expect(page.getByText("Balance €20.00: €30.00 short.")).toBeVisible();
  await expect(page.getByRole("radio", { name: /Pay at the clinic/ })).toBeChecked();
});

test.describe("with Stripe configured", () => {
  test.describe.configure({ timeout: 150_000 });
  let server: StripeConfiguredServer | undefined;
  test.beforeAll(async () => {
    server = await startStripeConfiguredServer(51);
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("Add funds through Stripe Checkout is credited by the webhook once, with a receipt; Withdraw to card refunds it", async ({ browser }) => {
    const { base, fake } = server!;
    const patient = await createPatient("Tina Topup");
    const context = await browser.newContext({ baseURL: base, viewport: PHONE });
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(patient.email, demo.password);
    await expect(page).toHaveURL(/\/patient$/);
    await page.goto("/patient/wallet");
    await expect(page.getByRole("heading", { name: "Withdraw to card" })).toBeVisible();
    await expect(page.getByText("Only money you added by card can go back to a card")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // "Add funds": off to Stripe's (fake) Checkout page for exactly that amount.
    const addFunds = page.getByRole("form", { name: "Add funds" });
    await addFunds.getByLabel("Amount").fill("40");
    await addFunds.getByLabel("Currency").selectOption("EUR");
    await addFunds.getByRole("button", { name: "Add funds" }).click();
    await page.waitForURL(new RegExp(`^${fake.url}/pay/cs_test_`));
    const sessionId = page.url().split("/pay/")[1];
    const created = fake.requestsTo("POST", "/v1/checkout/sessions").find((r) => r.form["metadata[patientId]"] === patient.id)!;
    expect(created.form).toMatchObject({ "line_items[0][price_data][unit_amount]": "4000", "line_items[0][price_data][currency]": "eur" });
    expect(created.form.success_url).toBe(`${base}/patient/wallet?top-up=success`);
    const topUpId = created.form["metadata[walletTopUpId]"];

    // Back from Stripe before the webhook: nothing credited yet, and the page says why.
    await page.goto("/patient/wallet?top-up=success");
    await expect(page.getByText(/^Thank you\. Stripe is confirming your payment/)).toBeVisible();
    await expect(page.getByText("Your balance is empty.")).toBeVisible();

    // Stripe's webhook, delivered twice (a replay): credited once.
    const { payload, header } = signedStripeEvent("checkout.session.completed", {
      id: sessionId,
      object: "checkout.session",
      status: "complete",
      payment_status: "paid",
      amount_total: 4000,
      currency: "eur",
      payment_intent: `pi_e2e_wallet_${topUpId.slice(0, 8)}`,
      metadata: { walletTopUpId: topUpId, patientId: patient.id },
    });
    for (const delivery of [1, 2]) {
      const answer = await fetch(`${base}/api/webhooks/stripe`, { method: "POST", body: payload, headers: { "stripe-signature": header } });
      expect(answer.status, `delivery ${delivery}`).toBe(200);
    }
    await page.goto("/patient/wallet");
    await expect(page.getByRole("definition").filter({ hasText: "€40.00" })).toBeVisible();
    const history = page.getByRole("table", { name: "Your wallet movements" });
    await expect(history.getByRole("row").filter({ hasText: "Added funds by card" })).toHaveCount(1);
    await expect(history.getByRole("row").filter({ hasText: "Added funds by card" })).toContainText("+€40.00");

    // Its receipt, from the history.
    await history.getByRole("link", { name: /^Receipt/ }).click();
    await expect(page.getByRole("heading", { name: "Receipt" })).toBeVisible();
    await expect(page.getByText(topUpId)).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: "€40.00" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // "Withdraw to card": refunded through Stripe against the top-up's payment; the fake settles it at once.
    await page.goto("/patient/wallet");
    const withdraw = page.getByRole("form", { name: "Withdraw to card" });
    await expect(withdraw.getByText("At most €40.00")).toBeVisible();
    await withdraw.getByLabel("Amount").fill("15.00");
    await withdraw.getByRole("button", { name: "Withdraw to card" }).click();
    await expect(page.getByText("€15.00 is on its way back to your card.", { exact: false })).toBeVisible();
    const refund = fake.requestsTo("POST", "/v1/refunds").find((r) => r.form["metadata[walletTopUpId]"] === topUpId)!;
    expect(refund.form).toMatchObject({ amount: "1500", payment_intent: `pi_e2e_wallet_${topUpId.slice(0, 8)}` });
    await page.reload();
    await expect(page.getByRole("definition").filter({ hasText: "€25.00" })).toBeVisible();
    await expect(history.getByRole("row").filter({ hasText: "Withdrawn to card" })).toContainText("−€15.00");
    await expect(history.getByRole("row").filter({ hasText: "Withdrawn to card" })).toContainText("Settled by Stripe");
    await expectNoSeriousA11yViolations(page);

    // The emails: the top-up's receipt and the withdrawal's, through the job runner.
    const mailbox = new MailboxPage(page);
    await expect.poll(async () => mailbox.textOf(patient.email, "Receipt: €40.00 added to your wallet"), { timeout: 30_000 }).toContain(topUpId);
    await expect.poll(async () => mailbox.textOf(patient.email, "€15.00 refunded to your card"), { timeout: 30_000 }).toContain("Balance now");

    // Someone else's receipt is not found.
    const stranger = await createPatient("Nosy Neighbour");
    await context.clearCookies();
    await signIn.goto();
    await signIn.signIn(stranger.email, demo.password);
    await expect(page).toHaveURL(/\/patient$/);
    expect((await page.goto(`/patient/wallet/receipts/${topUpId}`))?.status()).toBe(404);
    await context.close();
  });
});
