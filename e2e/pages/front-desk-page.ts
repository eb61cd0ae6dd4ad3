import { expect, type Page } from "@playwright/test";

/** "Book for a patient" at /doctor/appointments or /admin/appointments, step by step. */
export class FrontDeskPage {
  constructor(private readonly page: Page) {}

  /** From the appointments list: the "Book for a patient" button. */
  async open(portal: "doctor" | "admin") {
    await this.page.goto(`/${portal}/appointments`);
    await this.page.getByRole("button", { name: "Book for a patient" }).click();
    await expect(this.page).toHaveURL(new RegExp(`/${portal}/appointments/book$`));
  }

  async choosePatient(search: string, fullName: string) {
    await this.page.getByLabel("Patient name or email").fill(search);
    await this.page.getByRole("button", { name: "Find patient" }).click();
    await this.page.getByRole("link", { name: `Book for ${fullName}` }).click();
  }

  async chooseDoctor(doctorId: string) {
    await this.page.getByLabel("Doctor").selectOption(doctorId);
    await this.page.getByRole("button", { name: "Show free times" }).click();
  }

  /** A day some days ahead with free times, then its first time; returns the time's label. */
  async chooseTime(): Promise<string> {
    await this.page.getByRole("navigation", { name: "Next available days" }).getByRole("link").filter({ hasNotText: "no times" }).nth(2).click();
    const first = this.page
      .getByRole("group", { name: /Free times on/ })
      .getByRole("button")
      .first();
    const label = (await first.textContent())!.trim();
    await first.click();
    await expect(this.page.getByRole("button", { name: "Book for patient" })).toBeVisible();
    return label;
  }

  async book(reason: string, payment: "Pay at the clinic" | "Email a payment link" = "Pay at the clinic") {
    await this.page.getByLabel("Reason for visit").fill(reason);
    await this.page.getByRole("radio", { name: new RegExp(payment) }).check();
    await this.page.getByRole("button", { name: "Book for patient" }).click();
  }
}
