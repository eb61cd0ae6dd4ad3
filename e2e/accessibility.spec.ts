import { closeCalendarData, doctorWithVisitThisWeek } from "./pages/calendar-data";
import { TwoFactorPage, codeFor } from "./pages/two-factor-page";
import { calendarLoaded } from "./pages/calendar-page";
import { createDoctor, createPatient } from "./pages/admin-data";
import { GoogleSignIn } from "./pages/google-chooser";
import { DESKTOP, PHONE, demo, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// "/login/google/link" without a pending Google sign-in: the page that says it expired.
for (const path of ["/", "/login", "/register", "/forgot-password", "/login/google/link"]) {
  test(`axe finds no serious or critical violation on ${path}`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expectNoSeriousA11yViolations(page);
  });
}

// The patient's and the doctor's portal pages at both sizes: tables on a desktop, stacked cards on a phone
// (components/ui/data-table.tsx). The admin's pages: admin.spec.ts; pages of one row: the journeys that make the row.
const portalPages = [
  ...["/patient", "/patient/appointments", "/patient/payments", "/patient/records", "/patient/profile", "/patient/account"].map((path) => ({
    path,
    as: demo.patient,
  })),
  ...["/patient/wallet"].map((path) => ({ path, as: demo.patient })),
  ...[
    "/doctor",
    "/doctor/appointments",
    "/doctor/appointments?scope=past",
    "/doctor/appointments/book",
    "/doctor/patients",
    "/doctor/availability",
    "/doctor/payments",
    "/doctor/reports",
    "/doctor/reviews",
    "/doctor/profile",
    "/doctor/account",
  ].map((path) => ({ path, as: demo.doctor })),
];
for (const viewport of [DESKTOP, PHONE]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    for (const { path, as } of portalPages) {
      test(`axe finds no serious or critical violation on ${path}`, async ({ page, signIn }) => {
        await signIn(as.email);
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        await expectNoSeriousA11yViolations(page);
      });
    }

    test("axe finds no serious or critical violation on Google's link step and the account page's Google section", async ({ page }) => {
      const patient = await createPatient("Axel Axe");
      await page.goto("/login");
      await new GoogleSignIn(page).continueAs({ email: patient.email });
      await expect(page.getByRole("heading", { name: "Link your Google account" })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByLabel("Password").fill(demo.password);
      await page.getByRole("button", { name: "Link Google and sign in" }).click();
      await expect(page).toHaveURL(/\/patient$/);
      await page.goto("/patient/account");
      await expect(page.getByRole("button", { name: "Unlink" })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });

    test("axe finds no serious or critical violation on the doctor's calendar in month, week and day view", async ({ page, signIn }) => {
      test.setTimeout(120_000);
      const { doctor } = await doctorWithVisitThisWeek();
      await signIn(doctor.email);
      await page.goto("/doctor/calendar");
      await calendarLoaded(page);
      for (const view of ["Month", "Week", "Day"]) {
        const button = page.getByRole("button", { name: view, exact: true });
        await button.click();
        await expect(button).toHaveAttribute("aria-pressed", "true");
        await calendarLoaded(page);
        await expectNoSeriousA11yViolations(page);
      }
    });

    test("axe finds no serious or critical violation on a patient's appointment and receipt", async ({ page, signIn }) => {
      test.setTimeout(120_000);
      await signIn(demo.patient.email);
      await page.goto("/patient/appointments");
      const appointment = await page.getByRole("table", { name: "Past appointments" }).getByRole("link").first().getAttribute("href");
      await page.goto("/patient/payments");
      const receipt = await page
        .getByRole("main")
        .getByRole("link", { name: /^Receipt/ })
        .first()
        .getAttribute("href");
      for (const path of [appointment!, receipt!]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expectNoSeriousA11yViolations(page);
      }
    });

    test("axe finds no serious or critical violation on the two-factor set-up, the recovery codes and the code step", async ({ page, signIn }) => {
      const doctor = await createDoctor({ name: "Dr. Axe Twofactor", verified: true });
      await signIn(doctor.email);
      await page.goto("/doctor/account");
      await page.getByRole("button", { name: "Set up" }).click();
      const twoFactor = new TwoFactorPage(page);
      const secret = await twoFactor.secret();
      await expectNoSeriousA11yViolations(page);
      await page.getByLabel("Authentication code").fill(codeFor(secret));
      await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
      await twoFactor.recoveryCodes();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole("button", { name: "Sign out" }).first().click();
      await expect(page).toHaveURL(/\/login\?signedOut=1/);
      await page.getByLabel("Email").fill(doctor.email);
      await page.getByLabel("Password").fill(demo.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/login\/two-factor$/);
      await expectNoSeriousA11yViolations(page);
    });
  });
}

// One pool for both kits (calendar-data's close is admin-data's).
test.afterAll(closeCalendarData);
