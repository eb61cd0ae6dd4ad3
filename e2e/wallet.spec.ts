import { closeTestData, createDoctor, createPatient } from "./pages/admin-data";
import type { Page } from "@playwright/test";
import { BookingPage, expectAppointmentBooked } from "./pages/booking-page";
import { SignInPage } from "./pages/sign-in-page";
import { demo, DESKTOP, expect, expectNoSeriousA11yViolations, PHONE, test } from "./fixtures";

// Issue #19, the wallet without card payments (the default install): an admin
// credits a patient's wallet, the patient sees it, pays a visit from it, and a
// cancellation refunds it to the wallet at once.

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
  await adminContext.close();

  // The patient's wallet page.
  await page.setViewportSize(PHONE);
  await signIn(patient.email);
  await page.goto("/patient/wallet");
  await expect(page.getByText("Balance (EUR)")).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "€100.00" })).toBeVisible();
  const history = page.getByRole("table", { name: "Your wallet movements" });
  await expect(history.getByRole("row").filter({ hasText: "Goodwill for a long wait" })).toContainText("+€100.00");
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
