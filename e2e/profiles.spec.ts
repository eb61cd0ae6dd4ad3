import sharp from "sharp";
import { ProfilePage, TestData } from "./pages/profile-page";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";

const data = new TestData();
test.afterAll(() => data.close());

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 900, height: 600, channels: 3, background: "#2a9d8f" } })
    .jpeg()
    .toBuffer();
}

test("a doctor edits the profile with errors shown next to fields, adds a photo and a certificate, and the public page follows", async ({
  page,
  signIn,
  request,
}) => {
  const doctor = await data.doctor("Dr. Paul Profile");
  await signIn(doctor.email);
  const profile = new ProfilePage(page);
  await profile.gotoDoctor();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel(/^Consultation price/).fill("-3");
  await page.getByLabel("Latitude").fill("123");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(await profile.errorOf("Consultation price")).toHaveText("Enter the price like 60 or 60.50.");
  await expect(await profile.errorOf("Latitude")).toContainText("from -90 to 90");
  await page.getByLabel(/^Consultation price/).fill("85.50");
  await page.getByLabel("Latitude").fill("52.5");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(await profile.errorOf("Longitude")).toHaveText("Enter both latitude and longitude, or neither.");

  await page.getByLabel(/^Consultation price/).fill("85.50");
  await page.getByLabel("Latitude").fill("52.5");
  await page.getByLabel("Longitude").fill("13.4");
  await page.getByLabel("Languages spoken").fill("German, English, Turkish");
  await page.getByLabel("Professional bio").fill("Family medicine with a focus on travel vaccinations.");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();

  await profile.uploadPhoto({ name: "not-a-photo.png", mimeType: "image/png", buffer: Buffer.from("this is plain text") });
  await expect(await profile.errorOf("Profile photo")).toContainText("Only JPEG, PNG or WebP");
  await profile.uploadPhoto({ name: "me.jpg", mimeType: "image/jpeg", buffer: await photo() });
  await expect(page.getByText("Photo updated.")).toBeVisible();

  await page
    .getByLabel("Add a certificate")
    .setInputFiles({ name: "licence.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n") });
  await page.getByRole("button", { name: "Upload certificate" }).click();
  await expect(page.getByText("licence.pdf uploaded.")).toBeVisible();
  const certificateLink = page.getByRole("list", { name: "Your certificates" }).getByRole("link", { name: "licence.pdf" });
  const download = await page.request.get((await certificateLink.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment/);
  expect(download.headers()["cache-control"]).toBe("private, no-store");
  // Nobody else can fetch it.
  expect((await request.get((await certificateLink.getAttribute("href"))!)).status()).toBe(401);

  await page.goto(`/doctors/${doctor.id}`);
  await expect(page.getByText("€85.50 · 30 min")).toBeVisible();
  await expect(page.getByText("German, English, Turkish")).toBeVisible();
  const img = page.getByRole("img", { name: `Photo of ${doctor.fullName}` });
  await expect(img).toBeVisible();
  const photoResponse = await request.get((await img.getAttribute("src"))!);
  expect(photoResponse.status()).toBe(200);
  expect(photoResponse.headers()["content-type"]).toBe("image/webp");
  expect(photoResponse.headers()["cache-control"]).toBe("public, max-age=86400");
  // Consultation hours are read from the availability rules, not typed on the profile.
  await expect(page.locator("section").filter({ has: page.getByRole("heading", { name: "Consultation hours" }) })).toContainText("08:00–18:00");
});

test("a patient fills in medical information that only their doctor sees, on their appointment", async ({ page, browser, signIn }) => {
  const patient = await data.patient("Mia Medical");
  const doctor = await data.doctor("Dr. Ines Info");
  const stranger = await data.doctor("Dr. Otto Other");
  const visit = await data.pastVisit(doctor.id, patient.id, "confirmed", 1);
  await signIn(patient.email);
  const profile = new ProfilePage(page);
  await profile.gotoPatient();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Date of birth").fill("2999-01-01");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(await profile.errorOf("Date of birth")).toHaveText("Enter a real date of birth, not in the future.");
  await page.getByLabel("Date of birth").fill("1988-04-12");
  await page.getByLabel("Allergies").fill("Penicillin");
  await page.getByLabel("Blood type").selectOption("O+");
  await page.getByLabel("Emergency contact name").fill("Max Medical");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Allergies")).toHaveValue("Penicillin");

  const doctorContext = await browser.newContext();
  const doctorPage = await doctorContext.newPage();
  for (const [who, expected] of [
    [doctor, 1],
    [stranger, 0],
  ] as const) {
    await doctorContext.clearCookies();
    await doctorPage.goto("/login");
    await doctorPage.getByLabel("Email").fill(who.email);
    await doctorPage.getByLabel("Password").fill(data.password);
    await doctorPage.getByRole("button", { name: "Sign in" }).click();
    await doctorPage.waitForURL(/\/doctor$/);
    const response = await doctorPage.goto(`/doctor/appointments/${visit}`);
    if (expected) {
      const card = doctorPage.locator("section").filter({ has: doctorPage.getByRole("heading", { name: "Patient information" }) });
      await expect(card).toContainText("Penicillin");
      await expect(card).toContainText("O+");
    } else {
      expect(response?.status()).toBe(404);
      await expect(doctorPage.getByText("Penicillin")).toHaveCount(0);
    }
  }
  await doctorContext.close();
});

test("changing the password needs the current one and signs out the other sessions only", async ({ page, browser, signIn }) => {
  const patient = await data.patient("Pat Password");
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/login");
  await otherPage.getByLabel("Email").fill(patient.email);
  await otherPage.getByLabel("Password").fill(data.password);
  await otherPage.getByRole("button", { name: "Sign in" }).click();
  await otherPage.waitForURL(/\/patient$/);

  await signIn(patient.email);
  const profile = new ProfilePage(page);
  // Every role changes its password on its account page (issue #16).
  await page.goto("/patient/account");
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel(/^New password/).fill("a fresh long passphrase");
  await page.getByLabel("Repeat new password").fill("a fresh long passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(await profile.errorOf("Current password")).toHaveText("That is not your current password.");

  await page.getByLabel("Current password").fill(data.password);
  await page.getByLabel(/^New password/).fill("a fresh long passphrase");
  await page.getByLabel("Repeat new password").fill("a fresh long passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. 1 other session was signed out.")).toBeVisible();

  // This session carries on; the other one is gone on its next request.
  await page.goto("/patient");
  await expect(page).toHaveURL(/\/patient$/);
  await otherPage.goto("/patient");
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
});

test("a patient's photo is theirs alone", async ({ page, signIn, request }) => {
  const patient = await data.patient("Fiona Photo");
  await signIn(patient.email);
  const profile = new ProfilePage(page);
  await profile.gotoPatient();
  await profile.uploadPhoto({ name: "me.jpg", mimeType: "image/jpeg", buffer: await photo() });
  await expect(page.getByText("Photo updated.")).toBeVisible();
  const src = (await page.getByRole("img", { name: `Photo of ${patient.fullName}` }).getAttribute("src"))!;
  const own = await page.request.get(src);
  expect(own.status()).toBe(200);
  expect(own.headers()["cache-control"]).toBe("private, max-age=300");
  expect((await request.get(src)).status()).toBe(404);
});
