import { expect, type Locator, type Page } from "@playwright/test";
import { MailboxPage } from "./mailbox-page";
import { RegisterPage } from "./register-page";
import { SignInPage } from "./sign-in-page";

/** A new patient with a confirmed email, signed in: nobody else books as them, so their payments are theirs alone. */
export async function registerConfirmedPatient(page: Page, input: { fullName: string; email: string; password: string }) {
  await new RegisterPage(page).register({ ...input, role: "Patient" });
  await expect(page).toHaveURL(/\/login\?registered=1/);
  await page.goto(await new MailboxPage(page).linkFrom(input.email, "Confirm your email address", "/verify-email?token="));
  await expect(page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(input.email, input.password);
  await expect(page).toHaveURL(/\/patient$/);
}

/** The payment views of the three portals. */
export class PaymentsPage {
  constructor(private readonly page: Page) {}

  async gotoPatient() {
    await this.page.goto("/patient/payments");
    await expect(this.page.getByRole("heading", { name: "Payments", level: 1 })).toBeVisible();
  }

  async gotoDoctor() {
    await this.page.goto("/doctor/payments");
    await expect(this.page.getByRole("heading", { name: "Earnings by month" })).toBeVisible();
  }

  async gotoAdmin(query = "") {
    await this.page.goto(`/admin/payments${query}`);
    await expect(this.page.getByRole("heading", { name: "Payments", level: 1 })).toBeVisible();
  }

  /** A payment row of the list, found by a name it shows (doctor or patient). */
  paymentRow(name: string): Locator {
    return this.page
      .getByRole("table", { name: /payments/i })
      .getByRole("row")
      .filter({ hasText: name });
  }

  /** A visit in the doctor's "Due at the clinic" list. */
  dueRow(patientName: string): Locator {
    return this.page.getByRole("table", { name: "Visits with the fee due at the clinic" }).getByRole("row").filter({ hasText: patientName });
  }

  get earnings(): Locator {
    return this.page.getByRole("table", { name: "Earnings by month" });
  }

  async filterByDoctor(doctorName: string) {
    await this.page.getByLabel("Doctor").selectOption({ label: doctorName });
    await this.page.getByRole("button", { name: "Filter" }).click();
    await expect(this.page).toHaveURL(/doctor=/);
  }

  /** Downloads the CSV export of the current filters and returns its text. */
  async exportCsv(): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByRole("link", { name: "Export CSV" }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  async refund(amount: string, reason: string) {
    // The page must have settled (hydrated, no navigation under way): a form re-mounted after
    // the fields were typed would post its defaults, or nothing (the reason is required).
    await this.page.waitForLoadState("networkidle");
    const amountField = this.page.getByLabel(/Amount to refund/);
    const reasonField = this.page.getByLabel("Reason");
    await amountField.fill(amount);
    await reasonField.fill(reason);
    await expect(amountField).toHaveValue(amount);
    await expect(reasonField).toHaveValue(reason);
    await this.page.getByRole("button", { name: "Issue refund" }).click();
    // A refund asks first (components/ui/confirm-submit.tsx), naming the amount.
    await this.page
      .getByRole("dialog")
      .getByRole("button", { name: new RegExp(`^Refund ${amount.replace(".", "\\.")} `) })
      .click();
  }
}
