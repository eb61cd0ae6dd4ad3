import { readFile } from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import { ProfilePage, TestData } from "./pages/profile-page";
import { SignInPage } from "./pages/sign-in-page";
import { expect, test } from "./fixtures";

const data = new TestData();
test.afterAll(() => data.close());

test("a patient downloads all their data as one ZIP with data.json", async ({ page, signIn }) => {
  const patient = await data.patient("Dora Download");
  const doctor = await data.doctor("Dr. Ezra Export");
  await data.pastVisit(doctor.id, patient.id);
  await signIn(patient.email);
  const profile = new ProfilePage(page);
  await profile.gotoPatient();
  await page.getByLabel("Allergies").fill("Latex");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();

  const download = await profile.downloadMyData();
  expect(download.suggestedFilename()).toMatch(/^careslot-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  const exported = JSON.parse(strFromU8(entries["data.json"]!));
  expect(exported.account).toMatchObject({ email: patient.email, fullName: patient.fullName });
  expect(exported.medicalInformation.allergies).toBe("Latex");
  expect(exported.appointments).toEqual([expect.objectContaining({ doctor: expect.objectContaining({ name: doctor.fullName }), status: "completed" })]);
});

test("a patient deletes their account: signed out, told it is done, emailed, and unable to sign in again", async ({ page, signIn }) => {
  const patient = await data.patient("Del Eted");
  await signIn(patient.email);
  const profile = new ProfilePage(page);
  await profile.gotoPatient();

  await profile.deleteAccount(data.password, "delete");
  await expect(await profile.errorOf("Type DELETE to confirm")).toHaveText("Type DELETE in capitals to confirm.");
  await profile.deleteAccount("not my password at all", "DELETE");
  await expect(await profile.errorOf("Your password")).toHaveText("That is not your password.");

  await profile.deleteAccount(data.password, "DELETE");
  await page.waitForURL(/\/account-deleted$/);
  await expect(page.getByRole("heading", { name: "Your account has been deleted" })).toBeVisible();
  await page.goto("/patient/profile");
  await expect(page).toHaveURL(/\/login/);

  await page.goto("/dev/mailbox");
  await expect(page.getByRole("article", { name: "Your Careslot account has been deleted" }).filter({ hasText: patient.email })).toBeVisible();

  const signInPage = new SignInPage(page);
  await signInPage.goto();
  await signInPage.signInExpectingRefusal(patient.email, data.password);
  await expect(signInPage.error).toContainText("do not match an account");
});
