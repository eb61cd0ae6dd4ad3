import type { Browser, Page } from "@playwright/test";
import { PatientRecordsPage } from "./pages/admin-records-page";
import { closeTestData, createAppointment, createDoctor, createPatient, isStored, pdfBytes, recordFileKeys } from "./pages/admin-data";
import { SignInPage } from "./pages/sign-in-page";
import { demo, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test.afterAll(async () => {
  await closeTestData();
});

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, demo.password);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

test("a patient uploads a PDF and shares it with their doctor; the doctor opens it, another doctor cannot; unsharing ends access", async ({
  page,
  signIn,
  browser,
}) => {
  const patient = await createPatient("Rita Records");
  const [doctor, otherDoctor] = [await createDoctor({ name: "Dr. Shared", verified: true }), await createDoctor({ name: "Dr. Stranger", verified: true })];
  const appointmentId = await createAppointment(doctor.id, patient.id);
  const pdf = Buffer.from(pdfBytes("haemoglobin 14.1 g/dL"));

  await signIn(patient.email);
  const records = new PatientRecordsPage(page);
  await records.goto();
  await records.upload({ title: "Blood test March", type: "Lab result", file: { name: "blood test.pdf", mimeType: "application/pdf", buffer: pdf } });
  await expect(page.getByRole("status").filter({ hasText: '"Blood test March" uploaded.' })).toBeVisible();
  await expect(records.record("Blood test March")).toContainText("Lab result · blood test.pdf");
  const [fileKey] = await recordFileKeys(patient.id);
  expect(await isStored(fileKey)).toBe(true); // in the run's S3 bucket (scripts/e2e.ts), unless E2E_STORAGE=local
  const href = await records.downloadHref("Blood test March");
  const own = await page.request.get(href);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-disposition"]).toBe(`attachment; filename="blood test.pdf"; filename*=UTF-8''blood%20test.pdf`);
  expect(own.headers()["cache-control"]).toBe("no-store");
  expect(own.headers()["x-content-type-options"]).toBe("nosniff");

  await records.share("Blood test March", doctor.fullName);
  await expect(records.record("Blood test March")).toContainText(`Shared with ${doctor.fullName}`);

  const doctorPage = await signedIn(browser, doctor.email);
  await doctorPage.goto(`/doctor/appointments/${appointmentId}`);
  const card = doctorPage.locator("section").filter({ has: doctorPage.getByRole("heading", { name: "Shared records" }) });
  await expect(card).toContainText("Blood test March");
  const opened = await doctorPage.request.get((await card.getByRole("link", { name: "Open Blood test March" }).getAttribute("href"))!);
  expect(opened.status()).toBe(200);
  expect(opened.headers()["content-type"]).toBe("application/pdf");
  expect(opened.headers()["content-disposition"]).toMatch(/^inline; filename="blood test.pdf"/);
  expect(Buffer.from(await opened.body())).toEqual(pdf);

  const strangerPage = await signedIn(browser, otherDoctor.email);
  const refused = await strangerPage.request.get(href);
  expect(refused.status()).toBe(404);
  expect(await refused.text()).not.toContain("%PDF");
  expect((await strangerPage.goto(`/doctor/appointments/${appointmentId}`))?.status()).toBe(404);

  // The patient's history: the doctor's patient list leads to every visit and every shared document.
  await doctorPage.getByRole("link", { name: `Full history and shared documents of ${patient.fullName}` }).click();
  await expect(doctorPage.getByRole("heading", { name: patient.fullName, level: 1 })).toBeVisible();
  await expect(doctorPage.getByRole("table", { name: `Visits of ${patient.fullName}` })).toContainText("Confirmed");
  const history = doctorPage.locator("section").filter({ has: doctorPage.getByRole("heading", { name: "Shared records" }) });
  await expect(history).toContainText("Blood test March");
  await expectNoSeriousA11yViolations(doctorPage);
  await doctorPage.goto("/doctor/patients");
  await expect(doctorPage.getByRole("table", { name: "Your patients" }).getByRole("link", { name: patient.fullName })).toBeVisible();
  await expectNoSeriousA11yViolations(doctorPage);
  expect((await strangerPage.goto(`/doctor/patients/${patient.id}`))?.status()).toBe(404);
  await strangerPage.goto("/doctor/patients");
  await expect(strangerPage.getByText("No patient has booked with you yet.")).toBeVisible();
  await doctorPage.goto(`/doctor/appointments/${appointmentId}`);

  await records.stopSharing("Blood test March", doctor.fullName);
  expect((await doctorPage.request.get(href)).status()).toBe(404);
  await doctorPage.reload();
  await expect(doctorPage.getByText("The patient has not shared documents on this appointment.")).toBeVisible();

  const anonymous = await (await browser.newContext()).request.get(href);
  expect(anonymous.status()).toBe(404);
});

test("an executable renamed to .pdf is refused next to the file field, and the page is accessible", async ({ page, signIn }) => {
  const patient = await createPatient("Eli Exe");
  await signIn(patient.email);
  const records = new PatientRecordsPage(page);
  await records.goto();
  await expectNoSeriousA11yViolations(page);
  const exe = Buffer.alloc(512);
  exe.write("MZ", 0, "latin1");
  exe.write("This program cannot be run in DOS mode.", 78, "latin1");
  await records.upload({ title: "Totally a PDF", type: "Other", file: { name: "x.pdf", mimeType: "application/pdf", buffer: exe } });
  await expect(
    page.getByText("Only PDF, JPEG or PNG files are accepted, and this file is not one (its content was checked, not its name).", { exact: true }),
  ).toBeVisible();
  await expect(page.getByLabel("File")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("No documents yet.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

/** An 11 MB file that starts like a PDF, so only its size is wrong. */
function elevenMegabytePdf() {
  const buffer = Buffer.alloc(11 * 1024 * 1024);
  Buffer.from(pdfBytes("scan")).copy(buffer);
  return { name: "scan-11mb.pdf", mimeType: "application/pdf", buffer };
}

test("an 11 MB file is refused in the browser before it is sent, with the server's words; nothing is stored", async ({ page, signIn }) => {
  const patient = await createPatient("Bea Bigfile");
  await signIn(patient.email);
  const records = new PatientRecordsPage(page);
  await records.goto();
  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") uploads.push(request.url());
  });
  await records.upload({ title: "Full-body scan", type: "Imaging", file: elevenMegabytePdf() });
  await expect(page.getByText("That file is larger than 10 MB.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("File")).toHaveAttribute("aria-invalid", "true");
  expect(await page.getByLabel("File").evaluate((input: HTMLInputElement) => input.validity.customError)).toBe(true);
  expect(uploads).toEqual([]);
  await expect(page.getByText("No documents yet.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server refuses an 11 MB file with a clear message and stores nothing", async ({ page, signIn }) => {
    const patient = await createPatient("Ned Noscript");
    await signIn(patient.email);
    const records = new PatientRecordsPage(page);
    await records.goto();
    await records.upload({ title: "Full-body scan", type: "Imaging", file: elevenMegabytePdf() });
    await expect(page.getByText("That file is larger than 10 MB.", { exact: true })).toBeVisible();
    await expect(page.getByText("No documents yet.")).toBeVisible();
    expect(await recordFileKeys(patient.id)).toEqual([]);
  });
});
