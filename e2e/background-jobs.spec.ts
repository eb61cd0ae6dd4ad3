import type { Browser, Page } from "@playwright/test";
import { closeTestData, createDoctor, createPatient, type Person } from "./pages/admin-data";
import { BookingPage, expectAppointmentBooked } from "./pages/booking-page";
import { demo, expect, test } from "./fixtures";

// The default install: no Inngest configured, so the local runner inside
// `next start` sends every appointment email; the dev mailbox shows them.
test.afterAll(closeTestData);

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(demo.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

/** The newest email of that subject to `to`, waited for (the runner works after the response). */
async function mail(page: Page, to: string, subject: string | RegExp, timeoutMs = 15_000) {
  const message = page.getByRole("article", { name: subject }).filter({ hasText: to }).first();
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(message).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: timeoutMs, intervals: [500, 1_000] });
  return message;
}

async function setReminderLead(admin: Page, minutes: number) {
  await admin.goto("/admin/settings");
  await admin.getByLabel("Reminder lead time (minutes)").fill(String(minutes));
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByRole("status").filter({ hasText: /^(Saved: |Nothing changed)/ })).toBeVisible();
}

async function book(page: Page, doctor: Person, instant?: string): Promise<string> {
  const booking = new BookingPage(page);
  await booking.goto(doctor.id);
  await booking.openDayBeyondCancellationWindow();
  if (instant) {
    await booking.slotWithInstant(instant).click();
  } else {
    instant = (await booking.pickFirstSlot()).instant;
  }
  await booking.book("Follow-up");
  await expectAppointmentBooked(page);
  return instant;
}

test("without Inngest, the local runner sends confirmations, notices and the reminder, and none for a cancelled visit", async ({ browser }) => {
  test.setTimeout(200_000);
  const [keeper, canceller] = [await createPatient("Kim Keeper"), await createPatient("Cal Canceller")];
  const [doctorA, doctorB] = [await createDoctor({ name: "Dr. Runner", verified: true }), await createDoctor({ name: "Dr. Second", verified: true })];
  const admin = await signedIn(browser, demo.admin.email);
  const patient = await signedIn(browser, keeper.email);
  const other = await signedIn(browser, canceller.email);

  // Choose the visit's time first, then set the reminder lead so its reminder falls due in about a minute.
  const probe = new BookingPage(patient);
  await probe.goto(doctorA.id);
  await probe.openDayBeyondCancellationWindow();
  const { instant } = await probe.pickFirstSlot();
  const leadMinutes = Math.floor((Date.parse(instant) - Date.now() - 50_000) / 60_000);
  await setReminderLead(admin, leadMinutes);

  try {
    await book(patient, doctorA, instant);
    // The other visit starts at the same moment, so its reminder would be due at the same time: it is cancelled first.
    await book(other, doctorB, instant);
    await other.goto("/patient/appointments");
    const row = other.getByRole("table", { name: "Upcoming appointments" }).getByRole("row").filter({ hasText: doctorB.fullName });
    await row.getByRole("button", { name: "Cancel appointment" }).click();
    await other.getByLabel(/Reason for cancelling/).fill("Plans changed");
    await other.getByRole("button", { name: "Confirm cancellation" }).click();
    await expect(other.getByText("Your appointment was cancelled")).toBeVisible();

    // Within 15 seconds: the patient's confirmation with its calendar file, and the doctor's notice.
    const confirmation = await mail(admin, keeper.email, new RegExp(`^Appointment confirmed: ${doctorA.fullName}`));
    await expect(confirmation.getByRole("link", { name: "appointment.ics" })).toBeVisible();
    await mail(admin, doctorA.email, new RegExp(`^New appointment: ${keeper.fullName}`));
    await mail(admin, canceller.email, new RegExp(`^Appointment cancelled: ${doctorB.fullName}`));
    await mail(admin, doctorB.email, new RegExp(`^Appointment cancelled: ${canceller.fullName}`));

    // The reminder arrives when due; the cancelled visit, due at the same moment, never gets one.
    await mail(admin, keeper.email, new RegExp(`^Reminder: ${doctorA.fullName}`), 150_000);
    await admin.waitForTimeout(5_000);
    await admin.goto("/dev/mailbox");
    await expect(admin.getByRole("article", { name: /^Reminder:/ }).filter({ hasText: canceller.email })).toHaveCount(0);
  } finally {
    await setReminderLead(admin, 1440);
  }

  // A move tells both sides about the new time.
  await patient.goto("/patient/appointments");
  await patient
    .getByRole("table", { name: "Upcoming appointments" })
    .getByRole("row")
    .filter({ hasText: doctorA.fullName })
    .getByRole("button", { name: "Reschedule" })
    .click();
  await new BookingPage(patient).slotButtons.last().click();
  await patient.getByRole("button", { name: "Move appointment" }).click();
  await expect(patient).toHaveURL(/\/patient\/appointments/);
  await mail(admin, keeper.email, /^Appointment moved to /);
  await mail(admin, doctorA.email, /^Appointment moved to /);

  // The admin's outbox page names the runner and has nothing stuck.
  await admin.goto("/admin/outbox");
  await expect(admin.getByText("Inside this app server, on its PostgreSQL")).toBeVisible();
  await expect(admin.getByText("No run has failed.")).toBeVisible();
});
