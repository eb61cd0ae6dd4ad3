import { expect, type Page } from "@playwright/test";

export interface GoogleIdentity {
  email: string;
  name?: string;
  /** What the provider says of the email (Google's email_verified); true unless said otherwise. */
  verified?: boolean;
}

/**
 * "Continue with Google" against the local OpenID Connect provider that
 * scripts/e2e.ts starts in Google's place: the button on /login or /register,
 * then the provider's account chooser, where the test picks who to be.
 */
export class GoogleSignIn {
  constructor(private readonly page: Page) {}

  async continueAs(identity: GoogleIdentity) {
    await this.page.getByRole("button", { name: "Continue with Google" }).click();
    await this.choose(identity);
  }

  /** On the provider's own page, a real sign-in page at another origin. */
  async choose(identity: GoogleIdentity) {
    await expect(this.page.getByRole("heading", { name: "Choose an account" })).toBeVisible();
    await this.page.getByLabel("Email", { exact: true }).fill(identity.email);
    if (identity.name) await this.page.getByLabel("Name").fill(identity.name);
    await this.page.getByLabel("Email verified").setChecked(identity.verified ?? true);
    await this.page.getByRole("button", { name: "Continue" }).click();
  }
}
