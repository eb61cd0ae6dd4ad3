import { TestData } from "./pages/profile-page";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// A doctor and patients of their own, so nothing here depends on other specs.
const data = new TestData();
test.afterAll(() => data.close());

test("a patient reviews a completed visit, sees it on the doctor's page, and the doctor replies once", async ({ page, browser, signIn }) => {
  const doctor = await data.doctor("Dr. Rhea Review");
  const patient = await data.patient("Paula Reviewer");
  const visit = await data.pastVisit(doctor.id, patient.id, "confirmed", 3);
  const unfinished = await data.pastVisit(doctor.id, patient.id, "confirmed", 1);

  // The doctor records the outcome of the visit in their portal.
  const doctorContext = await browser.newContext();
  const doctorPage = await doctorContext.newPage();
  await doctorPage.goto("/login");
  await doctorPage.getByLabel("Email").fill(doctor.email);
  await doctorPage.getByLabel("Password").fill(data.password);
  await doctorPage.getByRole("button", { name: "Sign in" }).click();
  await doctorPage.waitForURL(/\/doctor$/);
  await doctorPage.goto(`/doctor/appointments/${visit}`);
  await doctorPage.getByRole("button", { name: "Mark completed" }).click();
  await expect(doctorPage.getByRole("listitem").filter({ hasText: "Completed by doctor" })).toBeVisible();

  await signIn(patient.email);
  // Not completed: no review link, and the review page says why.
  await page.goto(`/patient/appointments/${unfinished}`);
  await expect(page.getByRole("link", { name: "Review this visit" })).toHaveCount(0);
  await page.goto(`/patient/appointments/${unfinished}/review`);
  await expect(page.getByText("once your doctor has marked it completed")).toBeVisible();

  await page.goto(`/patient/appointments/${visit}`);
  await page.getByRole("link", { name: "Review this visit" }).click();
  await expectNoSeriousA11yViolations(page);
  // Too short: the message sits next to the field and nothing is published.
  await page.getByRole("radio", { name: "4 stars" }).check();
  await page.getByLabel("Your review").fill("Too short");
  await page.getByRole("button", { name: "Publish review" }).click();
  await expect(page.getByText("Write at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Your review")).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("radio", { name: "4 stars" }).check();
  await page.getByLabel("Your review").fill("Listened carefully and the treatment worked within a week.");
  await page.getByRole("button", { name: "Publish review" }).click();
  await expect(page.getByText("Thank you: your review is published.")).toBeVisible();

  await page.getByRole("link", { name: `See it on ${doctor.fullName}'s page` }).click();
  const reviews = page.getByRole("list", { name: "Reviews" });
  await expect(reviews).toContainText("Listened carefully and the treatment worked within a week.");
  await expect(reviews).toContainText("Paula R.");
  await expect(page.getByText("Rated 4.0 out of 5 from 1 review")).toBeVisible();

  // Within 30 days the patient may change it; the page follows.
  await page.goto(`/patient/appointments/${visit}/review`);
  await page.getByRole("radio", { name: "5 stars" }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Thank you: your review is published.")).toBeVisible();
  await page.goto(`/doctors/${doctor.id}`);
  await expect(page.getByText("Rated 5.0 out of 5 from 1 review")).toBeVisible();

  // The doctor replies, once.
  await doctorPage.goto("/doctor/reviews");
  await expectNoSeriousA11yViolations(doctorPage);
  await doctorPage.getByLabel("Your reply to Paula R.").fill("Thank you, Paula. Glad it helped!");
  await doctorPage.getByRole("button", { name: "Publish reply" }).click();
  // The page refreshes with the reply in place of the form.
  await expect(doctorPage.getByText("Thank you, Paula. Glad it helped!")).toBeVisible();
  await doctorPage.reload();
  await expect(doctorPage.getByText("Thank you, Paula. Glad it helped!")).toBeVisible();
  await expect(doctorPage.getByRole("button", { name: "Publish reply" })).toHaveCount(0);
  await doctorContext.close();

  await page.goto(`/doctors/${doctor.id}`);
  await expect(page.getByRole("list", { name: "Reviews" })).toContainText(`Reply from ${doctor.fullName}`);
  await expect(page.getByRole("list", { name: "Reviews" })).toContainText("Your review");
});

test("another reader reports a review once, and visitors are asked to sign in first", async ({ page, signIn }) => {
  const doctor = await data.doctor("Dr. Remy Report");
  const author = await data.patient("Olga Author");
  await data.review(await data.pastVisit(doctor.id, author.id), 1, "Rude and late, would not go back.");

  await page.goto(`/doctors/${doctor.id}`);
  await expect(page.getByRole("link", { name: /Report/ })).toHaveAttribute("href", /\/login\?next=/);

  const reader = await data.patient("Rita Reader");
  await signIn(reader.email);
  await page.goto(`/doctors/${doctor.id}`);
  await page.getByText("Report", { exact: true }).click();
  await page.getByLabel("Why should a moderator look at this review?").fill("Personal attack on the staff");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Thank you. A moderator will look at this review." })).toBeVisible();
  await page.reload();
  await expect(page.getByText("You reported this review")).toBeVisible();
});
