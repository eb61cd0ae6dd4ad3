import type { Browser, BrowserContext, Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { closeTestData, createPatient, db } from "./pages/admin-data";
import { GoogleSignIn, type GoogleIdentity } from "./pages/google-chooser";
import { TwoFactorPage, codeFor } from "./pages/two-factor-page";
import { SignInPage } from "./pages/sign-in-page";
import { demo, expect, expectNoSeriousA11yViolations, test, uniqueEmail } from "./fixtures";

// Issue #16, "Sign in with Google", against the real OpenID Connect provider
// scripts/e2e.ts starts in Google's place (authorization code with PKCE,
// state and nonce; signed ID tokens): the button, the provider's account
// chooser, and Careslot's answer.

test.afterAll(async () => {
  await closeTestData();
});

const sessionCookie = async (context: BrowserContext) => (await context.cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"));

async function googleFromLogin(page: Page, identity: GoogleIdentity, options: { remember?: boolean } = {}) {
  await page.goto("/login");
  if (options.remember) await page.getByLabel("Keep me signed in").check();
  await new GoogleSignIn(page).continueAs(identity);
}

async function googleContext(browser: Browser, identity: GoogleIdentity): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await googleFromLogin(page, identity);
  await expect(page).not.toHaveURL(/\/login/);
  return { context, page };
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("a new patient signs up with Google, verified by Google, and the next Google sign-in goes straight in", async ({ page }) => {
  const email = uniqueEmail("google-patient");
  await page.goto("/register");
  await expect(page.getByRole("radio", { name: "Patient" })).toBeChecked();
  await new GoogleSignIn(page).continueAs({ email, name: "Gita Google" });
  await expect(page).toHaveURL(/\/patient$/);
  await expect(page.getByRole("heading", { name: "Hello, Gita Google" })).toBeVisible();
  // Google vouched for the address: no confirmation to ask for.
  await expect(page.getByText("Confirm your email address.")).toHaveCount(0);
  // Not "Keep me signed in": the cookie ends with the browser, as after a password.
  expect((await sessionCookie(page.context()))?.expires).toBe(-1);

  await page.goto("/patient/account");
  const google = page.locator("section", { has: page.getByRole("heading", { name: "Google", exact: true }) });
  await expect(google).toContainText(`Linked to the Google account ${email}`);
  // No password to fall back on: Google cannot be unlinked, and the page says how to add one.
  await expect(google.getByRole("button", { name: "Unlink" })).toHaveCount(0);
  await expect(page.getByText("You sign in with Google and have no Careslot password.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await signOut(page);
  await googleFromLogin(page, { email });
  await expect(page).toHaveURL(/\/patient$/);
  await expect(page.getByRole("heading", { name: "Hello, Gita Google" })).toBeVisible();
});

test("a new doctor who chose Doctor before Continue with Google is pending verification", async ({ page }) => {
  await page.goto("/register");
  await page.getByRole("radio", { name: "Doctor" }).check();
  await new GoogleSignIn(page).continueAs({ email: uniqueEmail("google-doctor"), name: "Dr. Gabriel Google" });
  await expect(page).toHaveURL(/\/doctor$/);
  await expect(page.getByRole("heading", { name: "Hello, Dr. Gabriel Google" })).toBeVisible();
  await expect(page.getByText("Your profile is pending verification.")).toBeVisible();
});

test("Google links to an existing account only after its password; a wrong one is refused; then Google goes straight in", async ({ page }) => {
  const patient = await createPatient("Lina Link");
  await googleFromLogin(page, { email: patient.email, name: "Lina at Google" }, { remember: true });
  await expect(page).toHaveURL(/\/login\/google\/link$/);
  await expect(page.getByRole("heading", { name: "Link your Google account" })).toBeVisible();
  await expect(page.getByText(patient.email)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Link Google and sign in" }).click();
  await expect(page.getByText("That is not the password of your Careslot account.")).toBeVisible();
  await expect(page).toHaveURL(/\/login\/google\/link$/);
  // Refused means not signed in, and not linked.
  await page.goto("/patient");
  await expect(page).toHaveURL(/\/login\?next=/);

  await googleFromLogin(page, { email: patient.email }, { remember: true });
  await expect(page).toHaveURL(/\/login\/google\/link$/);
  await page.getByLabel("Password").fill(demo.password);
  await page.getByRole("button", { name: "Link Google and sign in" }).click();
  await expect(page).toHaveURL(/\/patient$/);
  await expect(page.getByRole("heading", { name: `Hello, ${patient.fullName}` })).toBeVisible();
  // "Keep me signed in" was ticked before leaving for Google: the remembered lifetime.
  const days = ((await sessionCookie(page.context()))!.expires * 1000 - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(29);

  await signOut(page);
  await googleFromLogin(page, { email: patient.email });
  await expect(page).toHaveURL(/\/patient$/);

  // With a password to fall back on, Google can be unlinked; the next Google sign-in asks for the password again.
  await page.goto("/patient/account");
  await page.getByRole("button", { name: "Unlink" }).click();
  await expect(page.getByText("Google was unlinked.")).toBeVisible();
  await expect(page.getByText("Not linked.")).toBeVisible();
  await signOut(page);
  await googleFromLogin(page, { email: patient.email });
  await expect(page).toHaveURL(/\/login\/google\/link$/);
});

test("an unverified Google email is refused, with the reason, whether or not an account has it", async ({ page }) => {
  const patient = await createPatient("Uma Unverified");
  await googleFromLogin(page, { email: patient.email, verified: false });
  await expect(page).toHaveURL(/\/login\?google=unverified_email/);
  await expect(page.getByText("Google has not verified this email address")).toBeVisible();
  await page.goto("/patient");
  await expect(page).toHaveURL(/\/login\?next=/);
  await expectNoSeriousA11yViolations(page);

  // No new account either: the same answer, so it tells nothing about who is registered.
  const stranger = uniqueEmail("google-unverified");
  await page.goto("/register");
  await new GoogleSignIn(page).continueAs({ email: stranger, name: "Una Unverified", verified: false });
  await expect(page).toHaveURL(/\/login\?google=unverified_email/);
  await expect(page.getByText("Google has not verified this email address")).toBeVisible();
  expect(await db().select().from(users).where(eq(users.email, stranger))).toEqual([]);
});

test("a deactivated user is refused at Google sign-in, and their live Google session ends", async ({ browser, page }) => {
  const email = uniqueEmail("google-deactivated");
  const live = await googleContext(browser, { email, name: "Dara Deactivated" });
  await expect(live.page).toHaveURL(/\/patient$/);
  await db().update(users).set({ active: false }).where(eq(users.email, email));

  await live.page.goto("/patient");
  await expect(live.page).toHaveURL(/\/login/);
  await live.context.close();

  await googleFromLogin(page, { email });
  await expect(page).toHaveURL(/\/login\?google=inactive/);
  await expect(page.getByText("This account has been deactivated. Contact the clinic administrator.")).toBeVisible();
});

test("sign out everywhere ends the Google sessions in every browser", async ({ browser }) => {
  const email = uniqueEmail("google-everywhere");
  const first = await googleContext(browser, { email, name: "Evi Everywhere" });
  const second = await googleContext(browser, { email });
  await second.page.goto("/patient/account");
  await expect(second.page.getByRole("list", { name: "Active sessions" }).getByRole("listitem")).toHaveCount(2);

  await second.page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await second.page.getByRole("dialog").getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await expect(second.page).toHaveURL(/\/login/);
  await first.page.goto("/patient");
  await expect(first.page).toHaveURL(/\/login/);
  await first.context.close();
  await second.context.close();
});

test("the password path stays as it was: the Google button sits beside it, and the demo patient signs in with a password", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await expect(page.getByRole("button", { name: "Continue with Google" })).toBeVisible();
  await signIn.signIn(demo.patient.email, demo.password);
  await expect(page).toHaveURL(/\/patient$/);
});

test("without JavaScript, Continue with Google still works from /register, the chosen role included", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByRole("radio", { name: "Doctor" }).check();
  await new GoogleSignIn(page).continueAs({ email: uniqueEmail("google-nojs"), name: "Dr. Noa Script" });
  await expect(page).toHaveURL(/\/doctor$/);
  await expect(page.getByRole("heading", { name: "Hello, Dr. Noa Script" })).toBeVisible();
  await context.close();
});

test("two-factor authentication is asked after Google too: the link, then every Google sign-in, goes through the code", async ({ page }) => {
  const patient = await createPatient("Tina Twofactor");
  // Signed in with the password first, the patient turns two-factor authentication on.
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(patient.email, demo.password);
  await expect(page).toHaveURL(/\/patient$/);
  const twoFactor = new TwoFactorPage(page);
  const { secret } = await twoFactor.enrol("/patient/account");
  await signOut(page);

  // Linking Google: the password is right, and still no session until the code.
  await googleFromLogin(page, { email: patient.email });
  await expect(page).toHaveURL(/\/login\/google\/link$/);
  await page.getByLabel("Password").fill(demo.password);
  await page.getByRole("button", { name: "Link Google and sign in" }).click();
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await page.goto("/patient");
  await expect(page).toHaveURL(/\/login/);
  await googleFromLogin(page, { email: patient.email });
  // Linked now: Google goes straight to the code step, never to the portal.
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await twoFactor.enterCode(codeFor(secret, 1));
  await expect(page).toHaveURL(/\/patient$/);
  await expect(page.getByRole("heading", { name: `Hello, ${patient.fullName}` })).toBeVisible();
});
