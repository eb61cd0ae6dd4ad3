import { randomUUID } from "node:crypto";
import { DoctorVerificationPage } from "./pages/admin-console-page";
import {
  addAuditEntries,
  addCertificate,
  addRecord,
  closeTestData,
  createAppointment,
  createDoctor,
  createPatient,
  createPayment,
  createReview,
  pdfBytes,
} from "./pages/admin-data";
import type { Locator, Page } from "@playwright/test";
import { demo, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// Issue #15: verification that means something, and long lists that page and say how many there are.

test.afterAll(async () => {
  await closeTestData();
});

test("Approve stays disabled, with the reason shown, until the doctor's profile is complete", async ({ page, signIn }) => {
  const doctor = await createDoctor({ name: "Dr. Not Ready" });
  await signIn(demo.admin.email);
  await page.goto(`/admin/doctors?q=${encodeURIComponent(doctor.fullName)}`);
  const verification = new DoctorVerificationPage(page);
  const card = verification.card(doctor.fullName);
  const approve = card.getByRole("button", { name: `Approve ${doctor.fullName}` });
  await expect(approve).toBeDisabled();
  await expect(approve).toHaveAccessibleDescription("Not ready to approve: no certificate uploaded.");
  await expect(card.getByText("Not ready to approve: no certificate uploaded.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await addCertificate(doctor.id, pdfBytes("licence"));
  await page.reload();
  await expect(approve).toBeEnabled();
  await expect(card.getByText(/Not ready to approve/)).toHaveCount(0);
  await verification.approve(doctor.fullName);
});

test("the verification queue can be searched and pages ten doctors at a time", async ({ page, signIn }) => {
  const name = `Dr. Queue ${randomUUID().slice(0, 8)}`;
  for (let i = 0; i < 11; i += 1) await createDoctor({ name });
  await signIn(demo.admin.email);
  await page.goto("/admin/doctors");
  await page.getByRole("searchbox", { name: "Name or email" }).fill(name);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const pages = page.getByRole("navigation", { name: "Doctor pages" });
  await expect(pages).toContainText("11 in all · page 1 of 2");
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^${name}`) })).toHaveCount(10);
  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(pages).toContainText("11 in all · page 2 of 2");
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^${name}`) })).toHaveCount(1);
  await page.getByRole("searchbox", { name: "Name or email" }).fill("nobody-by-this-name");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("No pending doctor matches “nobody-by-this-name”.")).toBeVisible();
});

test("a doctor's and a patient's appointment lists page beyond one page and say how many there are", async ({ page, signIn }) => {
  const doctor = await createDoctor({ name: "Dr. Busy", verified: true });
  const patient = await createPatient("Paula Regular");
  for (let i = 0; i < 26; i += 1) await createAppointment(doctor.id, patient.id);

  await signIn(doctor.email);
  await page.goto("/doctor/appointments");
  const doctorPages = page.getByRole("navigation", { name: "Appointment pages" });
  await expect(doctorPages).toContainText("26 in all · page 1 of 2");
  const doctorRows = page.getByRole("table", { name: "Upcoming appointments" }).getByRole("row").filter({ hasText: patient.fullName });
  await expect(doctorRows).toHaveCount(25);
  await doctorPages.getByRole("link", { name: "Next page" }).click();
  await expect(doctorPages).toContainText("page 2 of 2");
  await expect(doctorRows).toHaveCount(1);
  await expect(page).toHaveURL(/scope=upcoming/);

  await page.context().clearCookies();
  await signIn(patient.email);
  await page.goto("/patient/appointments");
  const upcomingPages = page.getByRole("navigation", { name: "Upcoming appointment pages" });
  await expect(upcomingPages).toContainText("26 in all · page 1 of 2");
  const upcoming = page.getByRole("table", { name: "Upcoming appointments" }).getByRole("row").filter({ hasText: doctor.fullName });
  await expect(upcoming).toHaveCount(20);
  await upcomingPages.getByRole("link", { name: "Next page" }).click();
  await expect(upcoming).toHaveCount(6);
  await expect(page).toHaveURL(/upcomingPage=2/);
  await expectNoSeriousA11yViolations(page);
});

test("a patient's payments and documents page beyond one page and say how many there are", async ({ page, signIn }) => {
  const doctor = await createDoctor({ name: "Dr. Billing", verified: true });
  const patient = await createPatient("Paula Paperwork");
  for (let i = 0; i < 26; i += 1) await createPayment(await createAppointment(doctor.id, patient.id));
  for (let i = 0; i < 21; i += 1) await addRecord(patient.id, `Lab result ${String(i + 1).padStart(2, "0")}`);

  await signIn(patient.email);
  await page.goto("/patient/payments");
  const paymentPages = page.getByRole("navigation", { name: "Payment pages" });
  await expect(paymentPages).toContainText("26 in all · page 1 of 2");
  const paymentRows = page.getByRole("table", { name: "Your payments and refunds" }).getByRole("row").filter({ hasText: doctor.fullName });
  await expect(paymentRows).toHaveCount(25);
  await paymentPages.getByRole("link", { name: "Next page" }).click();
  await expect(paymentPages).toContainText("page 2 of 2");
  await expect(paymentRows).toHaveCount(1);

  await page.goto("/patient/records");
  await expect(page.getByRole("heading", { name: "Your documents (21)" })).toBeVisible();
  const documentPages = page.getByRole("navigation", { name: "Document pages" });
  await expect(documentPages).toContainText("21 in all · page 1 of 2");
  const documents = page.getByRole("article", { name: /^Lab result \d\d$/ });
  await expect(documents).toHaveCount(20);
  await documentPages.getByRole("link", { name: "Next page" }).click();
  await expect(documents).toHaveCount(1);
  // Newest first: the first one added is the last on the last page.
  await expect(documents).toHaveAccessibleName("Lab result 01");
  await expectNoSeriousA11yViolations(page);
});

/** A list's pager: "N in all · page 1 of 2", then the next page with `onLastPage` rows, the filters kept in the URL. */
async function pagesOnce(page: Page, label: string, rows: Locator, counts: { total: number; perPage: number }, keeps?: RegExp) {
  const pager = page.getByRole("navigation", { name: label });
  await expect(pager).toContainText(`${counts.total} in all · page 1 of 2`);
  await expect(rows).toHaveCount(counts.perPage);
  await pager.getByRole("link", { name: "Next page" }).click();
  await expect(pager).toContainText(`${counts.total} in all · page 2 of 2`);
  await expect(rows).toHaveCount(counts.total - counts.perPage);
  if (keeps) await expect(page).toHaveURL(keeps);
}

test("the doctor's patients and reviews page beyond one page and say how many there are", async ({ page, signIn }) => {
  const doctor = await createDoctor({ name: "Dr. Popular", verified: true });
  for (let i = 0; i < 26; i += 1) await createAppointment(doctor.id, (await createPatient("Paged Patient")).id);
  await signIn(doctor.email);
  await page.goto("/doctor/patients");
  const patients = page.getByRole("table", { name: "Your patients" }).getByRole("row").filter({ hasText: "Paged Patient" });
  await pagesOnce(page, "Patient pages", patients, { total: 26, perPage: 25 });

  const reviewed = await createDoctor({ name: "Dr. Well Reviewed", verified: true });
  for (let i = 0; i < 21; i += 1) await createReview(reviewed.id, 5, `Kind and careful, visit number ${i + 1}.`);
  await page.context().clearCookies();
  await signIn(reviewed.email);
  await page.goto("/doctor/reviews");
  const reviews = page.getByRole("list", { name: "Reviews of you" }).getByRole("listitem").filter({ hasText: "Kind and careful" });
  await pagesOnce(page, "Review pages", reviews, { total: 21, perPage: 20 }, /page=2/);
  await expectNoSeriousA11yViolations(page);
});

test("the admin's users, appointments, payments and audit log page beyond one page and say how many there are", async ({ page, signIn }) => {
  const tag = randomUUID().slice(0, 8);
  const doctor = await createDoctor({ name: `Dr. Ledger ${tag}`, verified: true });
  const patients: string[] = [];
  for (let i = 0; i < 21; i += 1) patients.push((await createPatient(`Listed ${tag}`)).id);
  for (let i = 0; i < 26; i += 1) await createPayment(await createAppointment(doctor.id, patients[i % patients.length]!));
  const entityId = randomUUID();
  await addAuditEntries(entityId, 31);
  await signIn(demo.admin.email);

  await page.goto(`/admin/users?q=${encodeURIComponent(`Listed ${tag}`)}`);
  await pagesOnce(
    page,
    "Users pages",
    page
      .getByRole("table", { name: "Users" })
      .getByRole("row")
      .filter({ hasText: `Listed ${tag}` }),
    { total: 21, perPage: 20 },
    new RegExp(`q=Listed`),
  );

  await page.goto(`/admin/appointments?doctor=${encodeURIComponent(doctor.email)}`);
  await pagesOnce(
    page,
    "Appointment pages",
    page
      .getByRole("table")
      .getByRole("row")
      .filter({ hasText: `Listed ${tag}` }),
    { total: 26, perPage: 25 },
    /doctor=/,
  );

  // Payments used to stop at the newest 200; now they page, by doctor too.
  await page.goto(`/admin/payments?doctor=${doctor.id}`);
  await expect(page.getByRole("heading", { name: "26 payments" })).toBeVisible();
  await pagesOnce(
    page,
    "Payment pages",
    page
      .getByRole("table", { name: "Payments" })
      .getByRole("row")
      .filter({ hasText: `Listed ${tag}` }),
    { total: 26, perPage: 25 },
    new RegExp(`doctor=${doctor.id}`),
  );

  await page.goto(`/admin/audit?entityId=${entityId}`);
  await pagesOnce(
    page,
    "Audit log pages",
    page.getByRole("table", { name: "Audit entries, newest first" }).getByRole("row").filter({ hasText: "e2e.listed" }),
    { total: 31, perPage: 30 },
    new RegExp(`entityId=${entityId}`),
  );
  await expectNoSeriousA11yViolations(page);
});

test("a doctor's dashboard lists the set-up steps left, each a link to where it is done", async ({ page, signIn }) => {
  const doctor = await createDoctor({ name: "Dr. Setting Up" });
  await signIn(doctor.email);
  await page.goto("/doctor");
  const steps = page.getByRole("list", { name: "Set-up steps" });
  await expect(page.getByRole("heading", { name: "Finish setting up" })).toBeVisible();
  await expect(page.getByText("3 of 5 done.", { exact: false })).toBeVisible();
  await expect(steps.getByRole("link", { name: "A profile photo (to do)" })).toHaveAttribute("href", "/doctor/profile");
  await expect(steps.getByRole("link", { name: "At least one certificate for verification (to do)" })).toHaveAttribute("href", "/doctor/profile");
  await expect(steps.getByText("Weekly consultation hours (done)")).toBeVisible();
  await expect(page.getByText("can book appointments")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test("the admin dashboard's tiles open the lists they count, and revenue shows one currency at a time, by month name", async ({ page, signIn }) => {
  await signIn(demo.admin.email);
  await page.goto("/admin");
  await expect(page.getByRole("definition").filter({ hasText: "Since the start, cancelled left out" })).toHaveCount(1);
  await page.getByRole("link", { name: "Doctors pending verification" }).click();
  await expect(page).toHaveURL(/\/admin\/doctors\?status=pending$/);
  await page.goBack();
  await page.getByRole("link", { name: "No-show rate" }).click();
  await expect(page).toHaveURL(/\/admin\/appointments\?status=no_show&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByLabel("Status")).toHaveValue("no_show");

  await page.goto("/admin");
  const switcher = page.getByRole("navigation", { name: "Revenue currency" });
  const codes = await switcher.getByRole("link").allTextContents();
  expect(codes.length).toBeGreaterThan(1);
  await switcher.getByRole("link", { name: codes[1]! }).click();
  await expect(page).toHaveURL(new RegExp(`currency=${codes[1]}$`));
  await expect(switcher.getByRole("link", { name: codes[1]! })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText(`Revenue per month (${codes[1]})`)).toBeVisible();
  await page.getByText("Show the numbers as a table").nth(1).click();
  const revenueTable = page.getByRole("table", { name: `Revenue per month in ${codes[1]}` });
  await expect(revenueTable.getByRole("columnheader")).toHaveText(["Month", codes[1]!]);
  const months = await revenueTable.getByRole("rowheader").allTextContents();
  expect(months).toHaveLength(12);
  for (const month of months) expect(month).toMatch(/^[A-Z][a-z]+ \d{4}$/);
  await expectNoSeriousA11yViolations(page);
});
