import type { Browser, Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { signInThrottle } from "../db/schema";
import { closeTestData, createAdminUser, createDoctor, createPatient, db, type Person } from "./pages/admin-data";
import { MailboxPage } from "./pages/mailbox-page";
import { SignInPage } from "./pages/sign-in-page";
import { TwoFactorPage, codeFor } from "./pages/two-factor-page";
import { demo, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// Issue #16: two-factor authentication (TOTP). The codes are computed from the
// secret the page shows, as an authenticator app would.
// The "Require two-factor authentication for" setting is in two-factor-required.alone.spec.ts (it runs alone).

test.afterAll(async () => {
  await closeTestData();
});

const LOCKOUT = /Too many failed sign-in attempts\. Please wait \d+ seconds? before trying again\./;

async function signInWithPassword(page: Page, person: Person) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(person.email, demo.password);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login\?signedOut=1/);
}

/** A fresh user of `role` who turned two-factor authentication on from their account page. */
async function enrolled(browser: Browser, make: () => Promise<Person>, role: "patient" | "doctor" | "admin") {
  const person = await make();
  const page = await browser.newPage();
  await signInWithPassword(page, person);
  await expect(page).not.toHaveURL(/\/login/);
  const codes = await new TwoFactorPage(page).enrol(`/${role}/account`);
  await page.close();
  return { person, ...codes };
}

test("a patient sets up two-factor authentication, then signs in with password and code, and with a recovery code once", async ({ page }) => {
  const patient = await createPatient("Tess Twofactor");
  await signInWithPassword(page, patient);
  await expect(page).toHaveURL(/\/patient$/);
  await page.goto("/patient/account");
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await page.getByRole("button", { name: "Set up" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const twoFactor = new TwoFactorPage(page);
  const secret = await twoFactor.secret();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Authentication code").fill(codeFor(secret) === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByText("That code is not right.")).toBeVisible();
  await page.getByLabel("Authentication code").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  const recoveryCodes = await twoFactor.recoveryCodes();
  expect(new Set(recoveryCodes).size).toBe(10);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "I have saved my recovery codes" }).click();
  await expect(page.getByText(/On since .*10 of 10 recovery codes left\./)).toBeVisible();
  await signOut(page);

  // Password, then the code: the next step's code (this step's was used to turn it on, and a code works once per step).
  await signInWithPassword(page, patient);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  // No session yet: the portal sends the browser back to sign in.
  const portal = await page.context().newPage();
  await portal.goto("/patient");
  await expect(portal).toHaveURL(/\/login\?next=/);
  await portal.close();
  await expectNoSeriousA11yViolations(page);
  await twoFactor.enterCode(codeFor(secret, 1));
  await expect(page).toHaveURL(/\/patient$/);
  await signOut(page);

  // A recovery code instead: it works once.
  await signInWithPassword(page, patient);
  await twoFactor.enterCode(recoveryCodes[0]!);
  await expect(page).toHaveURL(/\/patient$/);
  await page.goto("/patient/account");
  await expect(page.getByText(/9 of 10 recovery codes left\./)).toBeVisible();
  await signOut(page);

  await signInWithPassword(page, patient);
  await twoFactor.enterCode(recoveryCodes[0]!);
  await expect(page.getByText("That code is not right.", { exact: false }).first()).toBeVisible();
  await expect(page).toHaveURL(/\/login\/two-factor$/);
});

test("wrong codes lock like wrong passwords, also in a parallel burst; the right code is then refused too", async ({ browser }) => {
  const { person, secret } = await enrolled(browser, () => createDoctor({ name: "Dr. Lock Out" }), "doctor");
  const context = await browser.newContext();
  const first = await context.newPage();
  await signInWithPassword(first, person);
  await expect(first).toHaveURL(/\/login\/two-factor$/);
  const wrong = codeFor(secret, 1) === "000000" || codeFor(secret) === "000000" ? "111111" : "000000";

  // Five tabs of the same half-done sign-in, each sending a wrong code at once.
  const tabs = [first, ...(await Promise.all(Array.from({ length: 4 }, () => context.newPage())))];
  await Promise.all(tabs.slice(1).map((tab) => tab.goto("/login/two-factor")));
  for (const tab of tabs) await tab.getByLabel("Authentication code").fill(wrong);
  await Promise.all(tabs.map((tab) => tab.getByRole("button", { name: "Verify" }).click()));
  const answers = await Promise.all(
    tabs.map(async (tab) => {
      // The form's answer (not Next's route announcer, also an alert).
      const alert = tab
        .getByRole("alert")
        .filter({ hasText: /did not work|Too many/ })
        .first();
      await expect(alert).toBeVisible();
      return (await alert.textContent()) ?? "";
    }),
  );
  const locked = answers.filter((text) => LOCKOUT.test(text));
  expect(locked.length, answers.join(" | ")).toBeGreaterThanOrEqual(3);
  expect(answers.filter((text) => !LOCKOUT.test(text)).length).toBeLessThanOrEqual(2);
  const [throttle] = await db().select().from(signInThrottle).where(eq(signInThrottle.emailKey, person.email.toLowerCase()));
  expect(throttle?.failures).toBe(3);

  // The right code, while locked: refused unchecked. The password too.
  await first.getByLabel("Authentication code").fill(codeFor(secret, 1));
  await first.getByRole("button", { name: "Verify" }).click();
  await expect(new TwoFactorPage(first).error.filter({ hasText: LOCKOUT })).toBeVisible();
  await expect(first).toHaveURL(/\/login\/two-factor$/);
  const again = await context.newPage();
  await new SignInPage(again).goto();
  await new SignInPage(again).signInExpectingRefusal(person.email, demo.password);
  await expect(new SignInPage(again).error).toHaveText(LOCKOUT);
  await context.close();
});

test("an admin resets a user's two-factor authentication: audited, the user is emailed and signs in with the password alone", async ({
  browser,
  page,
  signIn,
}) => {
  const { person } = await enrolled(browser, () => createDoctor({ name: "Dr. Lost Phone" }), "doctor");
  const admin = await createAdminUser("Ada Reset");
  await signIn(admin.email);
  await page.goto(`/admin/users/${person.id}`);
  await expect(page.getByText(/^On since/)).toBeVisible();
  await page.getByRole("button", { name: "Reset two-factor authentication" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("recovery codes stop working");
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole("button", { name: `Reset two-factor authentication of ${person.fullName}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Two-factor authentication was reset." })).toBeVisible();
  await expect(page.getByText("Off: nothing to reset.")).toBeVisible();

  await page.goto(`/admin/audit?entityType=user&entityId=${person.id}`);
  await expect(page.getByText("user.two_factor_reset").first()).toBeVisible();
  // The email goes out from the outbox after the answer: waited for.
  await expect(async () => {
    const text = await new MailboxPage(page).textOf(person.email, "Two-factor authentication was reset on your Careslot account");
    expect(text).toContain("turned off two-factor authentication");
  }).toPass({ timeout: 20_000, intervals: [500, 1_000] });

  const user = await browser.newPage();
  await signInWithPassword(user, person);
  await expect(user).toHaveURL(/\/doctor$/);
  await user.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("set-up, the recovery codes and the code step all work as plain forms", async ({ page }) => {
    const admin = await createAdminUser("Nojs Twofactor");
    await signInWithPassword(page, admin);
    await expect(page).toHaveURL(/\/admin$/);
    const twoFactor = new TwoFactorPage(page);
    const { secret, recoveryCodes } = await twoFactor.enrol("/admin/account");
    expect(recoveryCodes).toHaveLength(10);
    await page.goto("/admin/account");
    await expect(page.getByText(/10 of 10 recovery codes left\./)).toBeVisible();
    await signOut(page);

    await signInWithPassword(page, admin);
    await twoFactor.enterCode(codeFor(secret, 1));
    await expect(page).toHaveURL(/\/admin$/);

    // Turning it off asks for the password.
    await page.goto("/admin/account");
    await page.getByLabel(/^Password/).fill("not the password at all");
    await page.getByRole("button", { name: "Turn off two-factor authentication" }).click();
    await expect(page.getByText("That password is not right.").first()).toBeVisible();
    await page.getByLabel(/^Password/).fill(demo.password);
    await page.getByRole("button", { name: "Turn off two-factor authentication" }).click();
    await expect(page.getByText("Two-factor authentication is off.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Set up" })).toBeVisible();
  });
});
