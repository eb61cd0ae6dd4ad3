import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import { DEMO_PASSWORD, adminSeed, doctorSeed, patientSeed } from "../db/seed-data";
import { SignInPage } from "./pages/sign-in-page";

export const demo = {
  password: DEMO_PASSWORD,
  admin: adminSeed,
  doctor: doctorSeed[0],
  patient: patientSeed[0],
  /** Locked out on purpose by the lockout spec: no other spec signs in as this patient. */
  lockoutVictim: patientSeed[2],
};

/** The two screens every journey is checked on (issue #14): a phone and a desktop. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };
export const SCREENS = [
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const;

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.careslot.test`;
}

/** Serious and critical axe findings only; each listed with its target for a readable failure. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `axe violations on ${page.url()}`).toEqual([]);
}

export const test = base.extend<{ signIn: (email: string, password?: string) => Promise<void> }>({
  signIn: async ({ page }, provide) => {
    await provide(async (email, password = DEMO_PASSWORD) => {
      const signInPage = new SignInPage(page);
      await signInPage.goto();
      await signInPage.signIn(email, password);
      await expect(page).not.toHaveURL(/\/login/);
    });
  },
});

export { expect };
