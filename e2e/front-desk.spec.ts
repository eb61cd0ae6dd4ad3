import type { Page } from "@playwright/test";
import { closeTestData, createDoctor, createPatient, type Person } from "./pages/admin-data";
import { FrontDeskPage } from "./pages/front-desk-page";
import { MailboxPage } from "./pages/mailbox-page";
import { SignInPage } from "./pages/sign-in-page";
import { demo, DESKTOP, expect, expectNoSeriousA11yViolations, PHONE, test, uniqueEmail } from "./fixtures";

// Issue #15, front-desk booking: a doctor (own calendar) or an admin (any
// doctor) books for a patient who phoned in, through the same booking service;
// the patient sees the visit and is emailed. Admins create walk-in patients and
// correct a user's details, audited. Every person here is made for this spec.

test.afterAll(async () => {
  await closeTestData();
});

/** The email is an outbox event the job runner sends after the response: reload the mailbox until it is in. */
async function expectEmail(page: Page, to: string, subject: string, text: string) {
  await expect(async () => {
    await page.goto("/dev/mailbox");
    const message = page.getByRole("article", { name: subject }).filter({ hasText: to }).first();
    await expect(message).toBeVisible({ timeout: 1_000 });
    await expect(message).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 20_000, intervals: [500, 1_000] });
}

/** Signed in as the patient: the visit is on their list. */
async function expectPatientSees(page: Page, patient: Person, doctor: Person) {
  await page.context().clearCookies();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(patient.email, demo.password);
  await expect(page).toHaveURL(/\/patient$/);
  await page.goto("/patient/appointments");
  await expect(page.getByRole("row").filter({ hasText: doctor.fullName }).first()).toBeVisible();
}

test("a doctor books a visit in their own calendar for a patient who phoned: the patient sees it and is emailed", async ({ page, signIn }) => {
  await page.setViewportSize(PHONE);
  const [doctor, patient] = [await createDoctor({ name: "Dr. Desk", verified: true }), await createPatient("Phoned In")];
  await signIn(doctor.email);
  const desk = new FrontDeskPage(page);
  await desk.open("doctor");
  await expectNoSeriousA11yViolations(page);
  // A doctor finds someone not yet in their care by the full email address only.
  await page.getByLabel("Patient name or email").fill("Phoned In");
  await page.getByRole("button", { name: "Find patient" }).click();
  await expect(page.getByText(/No patient matches/)).toBeVisible();
  await desk.choosePatient(patient.email, patient.fullName);
  await desk.chooseTime();
  await expectNoSeriousA11yViolations(page);
  await desk.book("Phoned about a sore throat");

  await expect(page).toHaveURL(/\/doctor\/appointments\/[0-9a-f-]{36}\?notice=booked$/);
  await expect(page.getByRole("status").filter({ hasText: "Booked for the patient" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: patient.fullName })).toBeVisible();
  await expect(page.getByText("Booked by the doctor for the patient")).toBeVisible();

  await expectEmail(page, patient.email, "Appointment confirmed: Dr. Desk", "Dr. Desk");
  await expectEmail(page, patient.email, "Appointment confirmed: Dr. Desk", "booked this appointment for you");
  await expectPatientSees(page, patient, doctor);
});

test("an admin books for a patient with another doctor, then moves the visit; the audit log names who booked for whom", async ({ page, signIn }) => {
  await page.setViewportSize(DESKTOP);
  const [doctor, patient] = [await createDoctor({ name: "Dr. Other", verified: true }), await createPatient("Front Desk")];
  await signIn(demo.admin.email);
  const desk = new FrontDeskPage(page);
  await desk.open("admin");
  await desk.choosePatient(patient.fullName, patient.fullName);
  await expectNoSeriousA11yViolations(page);
  await expect(page.getByLabel("Doctor").getByRole("option", { name: new RegExp(`^${doctor.fullName}`) })).toHaveCount(1);
  await desk.chooseDoctor(doctor.id);
  await desk.chooseTime();
  await desk.book("Walked in with a rash");

  await expect(page).toHaveURL(/\/admin\/appointments\/[0-9a-f-]{36}\?notice=booked$/);
  await expect(page.getByRole("status").filter({ hasText: "Booked for the patient" })).toBeVisible();
  const appointmentUrl = new URL(page.url());
  const appointmentId = appointmentUrl.pathname.split("/").at(-1)!;

  // The confirmation first: a visit moved before its confirmation job ran gets only the "moved" email
  // (the job sends only for a visit still booked as it was), so waiting here keeps this test exact under load.
  await expectEmail(page, patient.email, "Appointment confirmed: Dr. Other", "The clinic booked this appointment for you");

  // The same visit, moved by the front desk to another time.
  await page.goto(appointmentUrl.pathname);
  await page.getByRole("link", { name: "Reschedule for the patient" }).click();
  await page.getByRole("navigation", { name: "Next available days" }).getByRole("link").filter({ hasNotText: "no times" }).nth(3).click();
  await page
    .getByRole("group", { name: /Free times on/ })
    .getByRole("button")
    .nth(1)
    .click();
  await page.getByRole("button", { name: "Move appointment" }).click();
  await expect(page).toHaveURL(/\?notice=moved$/);
  await expect(page.getByRole("status").filter({ hasText: "Moved to the new time" })).toBeVisible();

  await page.goto(`/admin/audit?entityType=appointment&entityId=${appointmentId}`);
  const booked = page.getByRole("row").filter({ hasText: "appointment.booked" });
  await expect(booked).toContainText(demo.admin.email);
  await expect(booked).toContainText(patient.id);

  await expectEmail(page, patient.email, "Appointment moved to", "Dr. Other");
  await expectPatientSees(page, patient, doctor);
});

test("an admin creates a walk-in patient, who sets a password from the email and signs in", async ({ page, signIn }) => {
  await page.setViewportSize(PHONE);
  const email = uniqueEmail("walk-in");
  await signIn(demo.admin.email);
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Create a walk-in patient" }).click();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Full name").fill("Walter Walkin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Phone").fill("not a number");
  await page.getByRole("button", { name: "Create patient account" }).click();
  await expect(page.getByText("Enter a phone number with digits only")).toBeVisible();
  await page.getByLabel("Phone").fill("+49 30 1234567");
  await page.getByRole("button", { name: "Create patient account" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}\?notice=walk-in$/);
  await expect(page.getByRole("status").filter({ hasText: "Patient account created" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Walter Walkin" })).toBeVisible();

  const link = await new MailboxPage(page).linkFrom(email, "Set your Careslot password", "/reset-password?token=");
  await page.context().clearCookies();
  await page.goto(link);
  await page.getByLabel("New password").fill("amber lighthouse 7421 quietly");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1/);
  const signInPage = new SignInPage(page);
  await signInPage.signIn(email, "amber lighthouse 7421 quietly");
  await expect(page).toHaveURL(/\/patient$/);
  await expect(page.getByRole("heading", { name: "Hello, Walter Walkin" })).toBeVisible();
});

test("an admin edits a user's name, email and phone, and the change is audited", async ({ page, signIn }) => {
  await page.setViewportSize(DESKTOP);
  const patient = await createPatient("Typo Name");
  const email = uniqueEmail("corrected");
  await signIn(demo.admin.email);
  await page.goto(`/admin/users/${patient.id}`);
  const details = page.locator("section").filter({ has: page.getByRole("heading", { name: "Name, email and phone" }) });
  await details.getByLabel("Full name").fill("Corrected Name");
  await details.getByLabel("Email").fill(email);
  await details.getByLabel("Phone").fill("+44 20 7946 0000");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByRole("status")).toHaveText("Saved: name, email, phone updated. The change is in the audit log.");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Corrected Name" })).toBeVisible();
  await expect(details.getByLabel("Phone")).toHaveValue("+44 20 7946 0000");

  await page.getByRole("link", { name: "Audit history" }).click();
  const row = page.getByRole("row").filter({ hasText: "user.details_changed" });
  await expect(row).toContainText(demo.admin.email);
  for (const field of ["fullName", "email", "phone"]) await expect(row).toContainText(`"${field}"`);

  // The user signs in with the new address.
  await page.context().clearCookies();
  const signInPage = new SignInPage(page);
  await signInPage.goto();
  await signInPage.signIn(email, demo.password);
  await expect(page).toHaveURL(/\/patient$/);
});
