import type { Page } from "@playwright/test";

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
