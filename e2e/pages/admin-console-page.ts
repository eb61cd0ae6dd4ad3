import { expect, type Locator, type Page } from "@playwright/test";

/** Every page of the admin console this project serves, for the access matrix and the axe sweep. */
export const adminPages = ["/admin", "/admin/doctors", "/admin/users", "/admin/specializations", "/admin/reviews", "/admin/appointments", "/admin/settings", "/admin/audit", "/admin/account"];

export class DoctorVerificationPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/admin/doctors");
  }

  card(doctorName: string): Locator {
    return this.page.getByRole("listitem").filter({ has: this.page.getByRole("heading", { name: doctorName }) });
  }

  async approve(doctorName: string) {
    await this.page.getByRole("button", { name: `Approve ${doctorName}` }).click();
    await expect(this.page.getByRole("status").filter({ hasText: "The doctor was verified and emailed, and is now public in search." })).toBeVisible();
  }
}

export class ReviewModerationPage {
  constructor(private readonly page: Page) {}

  async goto(view: "reported" | "recent" | "hidden" = "recent") {
    await this.page.goto(`/admin/reviews?view=${view}`);
  }

  review(doctorName: string, patientName: string): Locator {
    return this.page.getByRole("article", { name: `Review of ${doctorName} by ${patientName}` });
  }

  async hide(review: Locator, reason: string) {
    await review.getByLabel("Reason for hiding").fill(reason);
    await review.getByRole("button", { name: "Hide review" }).click();
  }
}

export class UsersAdminPage {
  constructor(private readonly page: Page) {}

  async search(text: string) {
    await this.page.goto(`/admin/users?q=${encodeURIComponent(text)}`);
  }

  async deactivate(names: string[]) {
    for (const name of names) await this.page.getByRole("checkbox", { name: `Select ${name}` }).check();
    await this.page.getByLabel("With the selected users").selectOption("deactivate");
    await this.page.getByRole("button", { name: "Apply to selected" }).click();
  }
}
