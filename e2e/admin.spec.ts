import fs from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { APIResponse, Page } from "@playwright/test";
import { adminPageRoutes, adminPages, DoctorVerificationPage, ReviewModerationPage, UsersAdminPage, type AdminPageIds } from "./pages/admin-console-page";
import {
  addCertificate,
  closeTestData,
  createAppointment,
  createDoctor,
  createMonthReport,
  createPatient,
  createPayment,
  createReview,
  pdfBytes,
} from "./pages/admin-data";
import { SignInPage } from "./pages/sign-in-page";
import { DESKTOP, PHONE, demo, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

async function searchByName(page: Page, name: string) {
  await page.goto("/doctors");
  await page.getByLabel("Specialty, doctor or condition").fill(name);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/q=/);
}

test.afterAll(async () => {
  await closeTestData();
});

/** A real row behind every dynamic admin page, and a certificate file, for the access matrix and the axe sweep. */
async function adminRows(): Promise<{ ids: AdminPageIds; certificateId: string }> {
  const doctor = await createDoctor({ name: "Dr. Matrix" });
  const certificateId = await addCertificate(doctor.id, pdfBytes("licence"));
  await createReview(doctor.id, 4, "Good listener, clear advice.");
  const patient = await createPatient("Matrix Patient");
  const appointments = await createAppointment(doctor.id, patient.id);
  const bookable = await createDoctor({ name: "Dr. Matrix Verified", verified: true });
  const ids = {
    users: patient.id,
    appointments,
    payments: await createPayment(appointments),
    reports: await createMonthReport("2001-01"),
    patient: patient.id,
    doctor: bookable.id,
  };
  return { ids, certificateId };
}

/** Every admin route handler (CSV exports, the certificate file in both forms), each with content behind it. */
const adminFiles = (ids: AdminPageIds, certificateId: string) => [
  "/admin/appointments/export",
  "/admin/payments/export",
  `/admin/reports/${ids.reports}/csv`,
  `/api/admin/certificates/${certificateId}`,
  `/api/admin/certificates/${certificateId}?download=1`,
];

async function expectRefusedWithoutContent(response: APIResponse, path: string) {
  expect([401, 403, 404], path).toContain(response.status());
  expect(response.headers()["content-disposition"], path).toBeUndefined();
  expect(await response.text(), path).not.toMatch(/%PDF|Appointment ID|Payment id|month,doctor/);
}

test.describe("who may open the admin console", () => {
  test("the matrix lists every page under app/admin", async () => {
    const appDir = fileURLToPath(new URL("../app/", import.meta.url));
    const pages = (await fs.readdir(`${appDir}admin`, { recursive: true })).filter((file) => /(^|\/)page\.tsx$/.test(file));
    const routes = pages.map((file) => `/admin/${file}`.replace(/\/?page\.tsx$/, "").replace(/\/\([^)]+\)/g, ""));
    expect(routes.sort()).toEqual([...adminPageRoutes].sort());
  });

  test("signed out, every admin page sends the visitor to sign in, and the admin files answer without content", async ({ page }) => {
    const { ids, certificateId } = await adminRows();
    for (const path of adminPages(ids)) {
      await page.goto(path);
      await expect(page, path).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(path).replace(/[/]/g, "%2F")}$`));
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    }
    for (const path of adminFiles(ids, certificateId)) await expectRefusedWithoutContent(await page.request.get(path), path);
  });

  for (const who of ["patient", "doctor"] as const) {
    test(`a ${who} gets 403 on every admin page and is refused every admin file, never the content`, async ({ page, signIn }) => {
      await signIn(who === "patient" ? demo.patient.email : demo.doctor.email);
      const { ids, certificateId } = await adminRows();
      for (const path of adminPages(ids)) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
        await expect(page.getByRole("navigation", { name: "Admin console" })).toHaveCount(0);
      }
      for (const path of adminFiles(ids, certificateId)) await expectRefusedWithoutContent(await page.request.get(path), path);
    });
  }

  test("an admin gets every admin page and every admin file (the matrix is not refusing everyone)", async ({ page, signIn }) => {
    await signIn(demo.admin.email);
    const { ids, certificateId } = await adminRows();
    for (const path of adminPages(ids)) expect((await page.goto(path))?.status(), path).toBe(200);
    for (const path of adminFiles(ids, certificateId)) expect((await page.request.get(path)).status(), path).toBe(200);
  });
});

test("the admin checks a pending doctor's certificate and approves them; the doctor is emailed and appears in search", async ({ page, signIn }) => {
  const doctor = await createDoctor({ name: "Dr. Pending Approval" });
  await addCertificate(doctor.id, pdfBytes("medical licence"), "medical licence.pdf");
  await searchByName(page, doctor.fullName);
  await expect(page.getByRole("link", { name: doctor.fullName })).toHaveCount(0);

  await signIn(demo.admin.email);
  const verification = new DoctorVerificationPage(page);
  await verification.goto(doctor.fullName);
  const card = verification.card(doctor.fullName);
  await expect(card).toContainText(doctor.email);
  const view = card.getByRole("link", { name: "View medical licence.pdf" });
  const certificate = await page.request.get((await view.getAttribute("href"))!);
  expect(certificate.status()).toBe(200);
  expect(certificate.headers()["content-type"]).toBe("application/pdf");
  expect(certificate.headers()["content-disposition"]).toMatch(/^inline; filename="medical licence.pdf"/);
  expect(certificate.headers()["cache-control"]).toBe("no-store");
  expect((await certificate.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await verification.approve(doctor.fullName);
  await expect(card).toHaveCount(0);

  await searchByName(page, doctor.fullName);
  await expect(page.getByRole("link", { name: doctor.fullName })).toBeVisible();
  // The email is an outbox event the job runner sends after the response: reload until it is in.
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(page.getByRole("article", { name: "Your Careslot profile is verified" }).filter({ hasText: doctor.email })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000, intervals: [500, 1_000] });
});

test("the admin hides a review and the doctor's average changes; the decision is in the audit log", async ({ page, signIn }) => {
  const doctor = await createDoctor({ name: "Dr. Reviewed", verified: true });
  await createReview(doctor.id, 5, "Thorough, kind and on time.");
  const { patient } = await createReview(doctor.id, 1, "Terrible, call me on 0170 1234567 to hear why.");

  await page.goto(`/doctors/${doctor.id}`);
  await expect(page.getByRole("link", { name: "Rated 3.0 out of 5 from 2 reviews", exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Reviews" })).toContainText("call me on 0170 1234567");

  await signIn(demo.admin.email);
  const moderation = new ReviewModerationPage(page);
  await moderation.goto("recent");
  const review = moderation.review(doctor.fullName, patient.fullName);
  await expect(review).toContainText(`${doctor.fullName}'s public rating: 3.00 from 2 visible reviews`);
  await moderation.hide(review, "Contains a phone number");
  await expect(page.getByRole("status").filter({ hasText: "The review was hidden." })).toBeVisible();
  await expect(review).toContainText(`${doctor.fullName}'s public rating: 5.00 from 1 visible review`);
  await expect(review).toContainText("Last moderation note: Contains a phone number");

  // The public profile follows at once: the average, the count, and the text are gone.
  await page.goto(`/doctors/${doctor.id}`);
  await expect(page.getByRole("link", { name: "Rated 5.0 out of 5 from 1 review", exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Reviews" })).toContainText("Thorough, kind and on time.");
  await expect(page.getByRole("list", { name: "Reviews" })).not.toContainText("0170 1234567");

  await page.goto(`/admin/audit?action=review.hidden&actor=${encodeURIComponent(demo.admin.email)}`);
  await expect(page.getByRole("table", { name: "Audit entries, newest first" })).toContainText("review.hidden");
});

test("deactivating users from the list ends their sessions at once", async ({ page, signIn, browser }) => {
  const patient = await createPatient("Soon Inactive");
  const patientContext = await browser.newContext();
  const patientPage = await patientContext.newPage();
  await new SignInPage(patientPage).goto();
  await new SignInPage(patientPage).signIn(patient.email, demo.password);
  await expect(patientPage).toHaveURL(/\/patient$/);

  await signIn(demo.admin.email);
  const users = new UsersAdminPage(page);
  await users.search(patient.email);
  await users.deactivate([patient.fullName]);
  await expect(page.getByRole("status").filter({ hasText: "1 user deactivated. Their sessions ended." })).toBeVisible();

  await patientPage.goto("/patient");
  await expect(patientPage).toHaveURL(/\/login/);
  await new SignInPage(patientPage).signIn(patient.email, demo.password);
  await expect(patientPage.getByRole("alert").filter({ hasText: /\S/ })).toBeVisible();
  await expect(patientPage).toHaveURL(/\/login/);
  await patientContext.close();
});

test("a specialization in use cannot be deleted, and a bad setting is refused next to its field", async ({ page, signIn }) => {
  await signIn(demo.admin.email);
  await page.goto("/admin/specializations");
  await page.getByRole("button", { name: "Delete General Medicine" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete General Medicine", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /"General Medicine" cannot be deleted while \d+ doctors use it/ })).toBeVisible();

  await page.goto("/admin/settings");
  await page.getByLabel("Payment hold (minutes)").fill("2");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("The payment hold must be at least 5.")).toBeVisible();
  await expect(page.getByLabel("Payment hold (minutes)")).toHaveAttribute("aria-invalid", "true");
});

test("the admin filters appointments and exports them as CSV", async ({ page, signIn }) => {
  const doctor = await createDoctor({ name: "Dr. Csv", verified: true });
  const patient = await createPatient("Csv Patient");
  await createAppointment(doctor.id, patient.id);
  await signIn(demo.admin.email);
  await page.goto(`/admin/appointments?doctor=${encodeURIComponent(doctor.email)}`);
  await expect(page.getByRole("table", { name: "Appointments" }).getByRole("row")).toHaveCount(2);
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toContain("Appointment ID,Starts at (UTC)");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(patient.fullName);
});

for (const viewport of [DESKTOP, PHONE]) {
  test(`axe finds no serious or critical violation on any admin page at ${viewport.width}×${viewport.height}`, async ({ page, signIn }) => {
    // Every admin page, each analysed by axe: more than a usual test's minute on a loaded machine.
    test.slow();
    await page.setViewportSize(viewport);
    await signIn(demo.admin.email);
    const { ids } = await adminRows();
    for (const path of [...adminPages(ids), "/admin/reviews?view=recent"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectNoSeriousA11yViolations(page);
    }
  });
}
