import { MailboxPage } from "./pages/mailbox-page";
import { RegisterPage } from "./pages/register-page";
import { SignInPage } from "./pages/sign-in-page";
import { demo, expect, test, uniqueEmail } from "./fixtures";

test("a new patient registers, confirms the email from the mailbox, signs in and lands on /patient", async ({ page }) => {
  const email = uniqueEmail("new-patient");
  const password = "a long enough passphrase";
  await new RegisterPage(page).register({ fullName: "Nina Novak", email, password, role: "Patient" });
  await expect(page).toHaveURL(/\/login\?registered=1/);

  const mailbox = new MailboxPage(page);
  const link = await mailbox.linkFrom(email, "Confirm your email address", "/verify-email?token=");
  // The email as it would have been sent: its HTML, with the same link behind a button.
  await page.goto(await mailbox.asSentHref(email, "Confirm your email address"));
  await expect(page.locator(`a[href="${link}"]`).first()).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();

  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, password);
  await expect(page).toHaveURL(/\/patient$/);
  await expect(page.getByRole("heading", { name: "Hello, Nina Novak" })).toBeVisible();
  await expect(page.getByText("Confirm your email address.")).toHaveCount(0);
});

test("registration refuses a short password next to the field and keeps the user on the form", async ({ page }) => {
  await new RegisterPage(page).register({ fullName: "Short Pass", email: uniqueEmail("short"), password: "short", role: "Patient" });
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
});

test("the demo doctor signs in and lands on /doctor", async ({ page, signIn }) => {
  await signIn(demo.doctor.email);
  await expect(page).toHaveURL(/\/doctor$/);
  await expect(page.getByRole("heading", { name: `Hello, ${demo.doctor.fullName}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("a patient who opens /admin gets 403, not the page", async ({ page, signIn }) => {
  await signIn(demo.patient.email);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByText("The marketplace at a glance.")).toHaveCount(0);
});

test("signed out, a portal page redirects to /login with a return path", async ({ page }) => {
  await page.goto("/doctor/account");
  await expect(page).toHaveURL(/\/login\?next=%2Fdoctor%2Faccount/);
  await new SignInPage(page).signIn(demo.doctor.email, demo.password);
  await expect(page).toHaveURL(/\/doctor\/account$/);
});

test("four wrong passwords show the lockout message with the wait time", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  for (let attempt = 1; attempt <= 2; attempt++) {
    await signIn.signInExpectingRefusal(demo.lockoutVictim.email, "definitely-not-the-password");
    await expect(signIn.error).toHaveText("That email and password do not match an account. Check them and try again.");
  }
  const lockout = /Too many failed sign-in attempts\. Please wait \d+ seconds? before trying again\./;
  await signIn.signInExpectingRefusal(demo.lockoutVictim.email, "definitely-not-the-password");
  await signIn.signInExpectingRefusal(demo.lockoutVictim.email, "definitely-not-the-password");
  await expect(signIn.error).toHaveText(lockout);
  // While locked, even the right password is refused.
  await signIn.signInExpectingRefusal(demo.lockoutVictim.email, demo.password);
  await expect(signIn.error).toHaveText(lockout);
  await expect(page).toHaveURL(/\/login/);
});

test("sign out ends the session: the portal asks to sign in again", async ({ page, signIn }) => {
  await signIn(demo.admin.email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin/);
});
