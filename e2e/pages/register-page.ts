import type { Page } from "@playwright/test";

export class RegisterPage {
  constructor(private readonly page: Page) {}

  /** Fills and sends the form; on /register unless `onPage` (the form already open, e.g. with a `next`). */
  async register(input: { fullName: string; email: string; password: string; role: "Patient" | "Doctor" }, options: { onPage?: boolean } = {}) {
    if (!options.onPage) await this.page.goto("/register");
    await this.page.getByLabel("Full name").fill(input.fullName);
    await this.page.getByLabel("Email").fill(input.email);
    await this.page.getByLabel("Password").fill(input.password);
    await this.page.getByRole("radio", { name: input.role }).check();
    await this.page.getByRole("button", { name: "Create account" }).click();
  }
}
