import { doctorSeed } from "../db/seed-data";
import { signedStripeEvent, type FakeStripe } from "../lib/payments/testing/fake-stripe";
import { closeTestData, createDoctor, createPatient, startVisitNow } from "./pages/admin-data";
import { FrontDeskPage } from "./pages/front-desk-page";
import { MailboxPage } from "./pages/mailbox-page";
import { BookingPage, expectAppointmentBooked, openAppointmentList } from "./pages/booking-page";
import { PaymentsPage, registerConfirmedPatient } from "./pages/payments-page";
import { SignInPage } from "./pages/sign-in-page";
import { startStripeConfiguredServer, type StripeConfiguredServer } from "./pages/stripe-server";
import { demo, expect, expectNoSeriousA11yViolations, test, uniqueEmail } from "./fixtures";

// Each journey books with its own doctor and a freshly registered patient, so
// nothing here competes with other specs for a slot.
const dentist = doctorSeed[5]; // Dr. Jonas Schmidt, EUR 90.00
const chiropractor = doctorSeed[9]; // Dr. Hugo Martin, EUR 65.00
const PASSWORD = "pays for visits safely";

test.afterAll(closeTestData);

test("pay at the clinic: confirmed at once and due at the visit; the doctor marks it paid; receipt, admin list, CSV and a manual refund follow", async ({
  page,
  browser,
}) => {
  // A whole journey across three accounts and a dozen pages, each checked by axe: more than one test's usual minute on a loaded machine.
  test.slow();
  const patient = { fullName: "Clara Cashwell", email: uniqueEmail("clinic-pay"), password: PASSWORD };
  await registerConfirmedPatient(page, patient);

  const booking = new BookingPage(page);
  await booking.goto(dentist.id);
  await booking.openDayBeyondCancellationWindow();
  await booking.pickFirstSlot();
  await expect(page.getByText("Pay at the clinic: €90.00, due at your visit. Nothing is charged now.")).toBeVisible();
  await booking.book("Toothache on the left");

  const appointmentId = await expectAppointmentBooked(page);
  await expect(page.getByRole("definition").filter({ hasText: "Due at visit" })).toContainText("paid at the clinic at your visit");
  await openAppointmentList(page);
  const row = page.getByRole("table", { name: "Upcoming appointments" }).getByRole("row").filter({ hasText: dentist.fullName });
  await expect(row).toContainText("Confirmed");
  await expect(row).toContainText("Due at visit");
  await row.getByRole("link", { name: dentist.fullName }).click();
  await expect(page.getByText("Pay at the clinic: €90.00 is due at your visit")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const payments = new PaymentsPage(page);
  await payments.gotoPatient();
  await expect(payments.paymentRow(dentist.fullName)).toContainText("€90.00");
  await expect(payments.paymentRow(dentist.fullName)).toContainText("Due at visit");
  await expectNoSeriousA11yViolations(page);

  // The doctor collects the fee at the visit and says so.
  const doctorContext = await browser.newContext();
  const doctorPage = await doctorContext.newPage();
  await new SignInPage(doctorPage).goto();
  await new SignInPage(doctorPage).signIn(dentist.email, demo.password);
  await doctorPage.waitForURL(/\/doctor$/);
  const doctorPayments = new PaymentsPage(doctorPage);
  await doctorPayments.gotoDoctor();
  await expectNoSeriousA11yViolations(doctorPage);
  const due = doctorPayments.dueRow(patient.fullName);
  await expect(due).toContainText("€90.00");
  // Not before the visit: the fee is collected there. Once it has begun, the doctor marks it paid.
  await expect(due).toContainText("At the visit");
  await expect(due.getByRole("button", { name: "Mark paid" })).toHaveCount(0);
  await startVisitNow(appointmentId);
  await doctorPayments.gotoDoctor();
  await due.getByRole("button", { name: "Mark paid" }).click();
  await expect(due).toHaveCount(0);
  await expect(doctorPayments.earnings).toContainText("€90.00");
  await doctorContext.close();

  await payments.gotoPatient();
  await expect(payments.paymentRow(dentist.fullName)).toContainText("Paid at the clinic");
  await payments
    .paymentRow(dentist.fullName)
    .getByRole("link", { name: /Receipt/ })
    .click();
  await expect(page.getByRole("heading", { name: "Receipt" })).toBeVisible();
  await expect(page.getByText("At the clinic", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The admin finds it by doctor, exports it, and refunds part of it with a reason.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await new SignInPage(adminPage).goto();
  await new SignInPage(adminPage).signIn(demo.admin.email, demo.password);
  await adminPage.waitForURL(/\/admin$/);
  const admin = new PaymentsPage(adminPage);
  await admin.gotoAdmin();
  await admin.filterByDoctor(dentist.fullName);
  await expect(admin.paymentRow(patient.fullName)).toContainText("Paid at the clinic");
  await expectNoSeriousA11yViolations(adminPage);
  const csv = await admin.exportCsv();
  expect(csv.split("\n")[0]).toContain("Payment id,Created (UTC),Paid (UTC),Status");
  expect(csv).toContain(`${patient.fullName},${patient.email}`);
  expect(csv).toMatch(/Paid at the clinic,At the clinic,90\.00,0\.00,0\.00,90\.00,EUR,Dr\. Jonas Schmidt/);

  await admin
    .paymentRow(patient.fullName)
    .getByRole("link", { name: /Details/ })
    .click();
  await expectNoSeriousA11yViolations(adminPage);
  await admin.refund("100", "Too much");
  await expect(adminPage.getByText("At most €90.00 can still be refunded.")).toBeVisible();
  await admin.refund("15.50", "Filling was not needed");
  await expect(adminPage.getByText("Refund of €15.50 issued.")).toBeVisible();
  await expect(adminPage.getByText("Filling was not needed")).toBeVisible();
  await adminContext.close();
});

test.describe("with Stripe configured", () => {
  test.describe.configure({ timeout: 120_000 });
  let base: string;
  let fake: FakeStripe;
  let server: StripeConfiguredServer | undefined;

  test.beforeAll(async () => {
    server = await startStripeConfiguredServer(50);
    ({ base, fake } = server);
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("payment required: the panel asks to pay now, booking holds the slot and goes to Stripe Checkout; the webhook confirms it", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    const patient = { fullName: "Paula Prepaid", email: uniqueEmail("card-pay"), password: PASSWORD };
    await registerConfirmedPatient(page, patient);

    const booking = new BookingPage(page);
    await booking.goto(chiropractor.id);
    await booking.openDayBeyondCancellationWindow();
    await booking.pickFirstSlot();
    await expect(page.getByText(/^Pay now: €65\.00 by card on Stripe's secure page\./)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await booking.book("Stiff neck");

    // Redirected to the session url the (fake) Stripe returned.
    await page.waitForURL(new RegExp(`^${fake.url}/pay/cs_test_`));
    await expect(page.getByRole("heading", { name: "Fake Stripe Checkout" })).toBeVisible();
    const [created] = fake.requestsTo("POST", "/v1/checkout/sessions").filter((r) => r.path === "/v1/checkout/sessions");
    const appointmentId = created.form["metadata[appointmentId]"];
    expect(created.form).toMatchObject({ "line_items[0][price_data][unit_amount]": "6500", "line_items[0][price_data][currency]": "eur", mode: "payment" });
    expect(created.form["line_items[0][price_data][product_data][name]"]).toContain(`Consultation with ${chiropractor.fullName} on `);
    expect(created.headers["idempotency-key"]).toBe(`checkout-${appointmentId}`);
    expect(created.form.cancel_url).toBe(`${base}/patient/appointments/${appointmentId}?checkout=cancelled`);
    const sessionId = page.url().split("/pay/")[1];

    // The patient comes back without paying: the page says so, nothing is confirmed, and the same session reopens.
    await page.goto(`/patient/appointments/${appointmentId}?checkout=cancelled`);
    await expect(page.getByText("Waiting for payment confirmation")).toBeVisible();
    await expect(page.getByText("You left the payment page before paying. Nothing was charged.")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("link", { name: "Continue to payment" }).click();
    await page.waitForURL(`${fake.url}/pay/${sessionId}`);
    expect(fake.requestsTo("POST", "/v1/checkout/sessions").filter((r) => r.path === "/v1/checkout/sessions")).toHaveLength(1);

    // Paid on Stripe's page, the patient lands on the confirmation page before the webhook does: it waits, then updates by itself.
    expect(created.form.success_url).toBe(`${base}/patient/appointments/${appointmentId}/booked?checkout=success`);
    await page.goto(`/patient/appointments/${appointmentId}/booked?checkout=success`);
    await expect(page.getByRole("heading", { name: "Appointment booked" })).toBeFocused();
    await expect(page.getByText("Waiting for payment confirmation.")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Stripe calls the webhook; only then is the visit confirmed and paid.
    const signed = signedStripeEvent("checkout.session.completed", {
      id: sessionId,
      object: "checkout.session",
      status: "complete",
      payment_status: "paid",
      amount_total: 6500,
      currency: "eur",
      payment_intent: "pi_e2e_paid",
      metadata: { appointmentId },
    });
    const bad = await fetch(`${base}/api/webhooks/stripe`, {
      method: "POST",
      body: signed.payload.replace("6500", "1"),
      headers: { "stripe-signature": signed.header },
    });
    expect(bad.status).toBe(400);
    const delivered = await fetch(`${base}/api/webhooks/stripe`, {
      method: "POST",
      body: signed.payload,
      headers: { "stripe-signature": signed.header, "content-type": "application/json" },
    });
    expect(delivered.status).toBe(200);

    await expect(page.getByText("Waiting for payment confirmation.")).toBeHidden({ timeout: 15_000 });
    await expect(page.getByText(/A confirmation email with a calendar file is on its way/)).toBeVisible();
    await page.goto(`/patient/appointments/${appointmentId}`);
    await expect(page.getByText("Payment received — confirmed")).toBeVisible();
    await page.goto("/patient/appointments");
    const row = page.getByRole("table", { name: "Upcoming appointments" }).getByRole("row").filter({ hasText: chiropractor.fullName });
    await expect(row).toContainText("Confirmed");
    await expect(row).toContainText("Paid");

    // Cancelling more than 24 h ahead: the page states the refund before the patient confirms.
    await row.getByRole("button", { name: "Cancel appointment" }).click();
    await expect(page.getByText(/^€65\.00 will be refunded to the card you paid with\./)).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // "Keep as wallet credit" instead (issue #19): the wallet holds it at once, and Stripe is asked for no refund.
    const refundsBefore = fake.requestsTo("POST", "/v1/refunds").length;
    await page.getByRole("radio", { name: /Keep as wallet credit/ }).check();
    await page.getByLabel(/Reason for cancelling/).fill("Found a time closer to home");
    await page.getByRole("button", { name: "Confirm cancellation" }).click();
    await expect(page.getByText("Your appointment was cancelled")).toBeVisible();
    await page.goto("/patient/wallet");
    const credit = page.getByRole("table", { name: "Your wallet movements" }).getByRole("row").filter({ hasText: "Card payment kept as wallet credit" });
    await expect(credit).toContainText("+€65.00");
    expect(fake.requestsTo("POST", "/v1/refunds")).toHaveLength(refundsBefore);
    await context.close();
  });

  test("the front desk emails a payment link: the time is held, the patient pays from the email on Stripe, the webhook confirms it", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    const [doctor, patient] = [await createDoctor({ name: "Dr. Linkpay", verified: true }), await createPatient("Lina Phoned")];
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(doctor.email, demo.password);
    await expect(page).toHaveURL(/\/doctor$/);
    const desk = new FrontDeskPage(page);
    await desk.open("doctor");
    await desk.choosePatient(patient.email, patient.fullName);
    await desk.chooseTime();
    await expect(page.getByText("The time is held while the patient pays online")).toBeVisible();
    await desk.book("Phoned about a follow-up", "Email a payment link");
    await expect(page).toHaveURL(/\/doctor\/appointments\/[0-9a-f-]{36}\?notice=booked$/);
    const appointmentId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByRole("status").filter({ hasText: "Booked for the patient" })).toBeVisible();

    // The email goes out through the outbox after the answer: the mailbox is read until it is in.
    const subject = new RegExp(`^Pay to confirm your appointment: ${doctor.fullName}, `);
    const mailbox = new MailboxPage(page);
    let payUrl = "http://invalid";
    await expect(async () => {
      payUrl = await mailbox.linkFrom(patient.email, subject, "checkout=start", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    // Its path only: this spec's two servers share one job runner's database, and the other one may have sent it with its own address.
    const payPath = new URL(payUrl).pathname + new URL(payUrl).search;
    expect(payPath).toBe(`/patient/appointments/${appointmentId}?checkout=start`);

    // The patient signs in, follows the link and goes on to Stripe Checkout for this visit.
    await context.clearCookies();
    await signIn.goto();
    await signIn.signIn(patient.email, demo.password);
    await expect(page).toHaveURL(/\/patient$/);
    await page.goto(payPath);
    await expect(page.getByText("Waiting for payment confirmation")).toBeVisible();
    await page.getByRole("link", { name: "Continue to payment" }).click();
    await page.waitForURL(new RegExp(`^${fake.url}/pay/cs_test_`));
    const sessionId = page.url().split("/pay/")[1];
    const [created] = fake.requestsTo("POST", "/v1/checkout/sessions").filter((r) => r.form["metadata[appointmentId]"] === appointmentId);
    expect(created.form).toMatchObject({ "line_items[0][price_data][unit_amount]": "5000", "line_items[0][price_data][currency]": "eur" });

    const signed = signedStripeEvent("checkout.session.completed", {
      id: sessionId,
      object: "checkout.session",
      status: "complete",
      payment_status: "paid",
      amount_total: 5000,
      currency: "eur",
      payment_intent: "pi_e2e_front_desk",
      metadata: { appointmentId },
    });
    const delivered = await fetch(`${base}/api/webhooks/stripe`, {
      method: "POST",
      body: signed.payload,
      headers: { "stripe-signature": signed.header, "content-type": "application/json" },
    });
    expect(delivered.status).toBe(200);
    await page.goto(`/patient/appointments/${appointmentId}`);
    await expect(page.getByText("Payment received — confirmed")).toBeVisible();
    await context.close();
  });

  test("without JavaScript the booking holds the slot and a plain link goes on to Stripe Checkout", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: base, javaScriptEnabled: false });
    const page = await context.newPage();
    await registerConfirmedPatient(page, { fullName: "Noel Noscript", email: uniqueEmail("card-nojs"), password: PASSWORD });
    const booking = new BookingPage(page);
    await booking.goto(chiropractor.id);
    await booking.openDayBeyondCancellationWindow();
    await booking.pickFirstSlot();
    await booking.book("Back pain");

    // A form may not post its way to another site (CSP form-action), so it stops at the appointment page first.
    await expect(page).toHaveURL(/\/patient\/appointments\/[0-9a-f-]{36}\?checkout=start$/);
    await expect(page.getByText("Waiting for payment confirmation")).toBeVisible();
    const appointmentId = new URL(page.url()).pathname.split("/").pop()!;
    await page.getByRole("link", { name: "Continue to payment" }).click();
    await page.waitForURL(new RegExp(`^${fake.url}/pay/cs_test_`));
    const created = fake.requestsTo("POST", "/v1/checkout/sessions").filter((r) => r.form["metadata[appointmentId]"] === appointmentId);
    expect(created.map((r) => r.headers["idempotency-key"])).toEqual([`checkout-${appointmentId}`]);
    await context.close();
  });
});
