import { expect, type Page } from "@playwright/test";
import { MailboxPage } from "./mailbox-page";

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(next?: string) {
    await this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /** A new account's first sign-in: the confirmation link from the dev mailbox, then the password, landing on the portal. */
  async confirmAndSignIn(email: string, password: string, portal: RegExp) {
    await this.page.goto(await new MailboxPage(this.page).linkFrom(email, "Confirm your email address", "/verify-email?token="));
    await expect(this.page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();
    await this.goto();
    await this.signIn(email, password);
    await expect(this.page).toHaveURL(portal);
  }

  /** Submits and waits for the server's answer, for attempts that stay on the page. */
  async signInExpectingRefusal(email: string, password: string) {
    const answered = this.page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login");
    await this.signIn(email, password);
    await answered;
    await this.page.getByRole("button", { name: "Sign in" }).waitFor();
  }

  get error() {
    return this.page.getByRole("alert").filter({ hasText: /\S/ });
  }
}
