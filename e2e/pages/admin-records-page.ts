import { expect, type Locator, type Page } from "@playwright/test";

/** /patient/records: upload, share per appointment, stop sharing. */
export class PatientRecordsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/patient/records");
  }

  async upload(input: { title: string; type: string; file: { name: string; mimeType: string; buffer: Buffer } }) {
    await this.page.getByLabel("Title").fill(input.title);
    await this.page.getByLabel("Type").selectOption({ label: input.type });
    await this.page.getByLabel("File").setInputFiles(input.file);
    await this.page.getByRole("button", { name: "Upload document" }).click();
  }

  record(title: string): Locator {
    return this.page.getByRole("article", { name: title });
  }

  async share(title: string, doctorName: string) {
    const record = this.record(title);
    const select = record.getByLabel("Share with the doctor of");
    const option = select.getByRole("option", { name: new RegExp(`^${doctorName} \\(`) });
    await select.selectOption((await option.getAttribute("value"))!);
    await record.getByRole("button", { name: `Share ${title}` }).click();
    await expect(record.getByRole("status").filter({ hasText: "Shared." })).toBeVisible();
  }

  async stopSharing(title: string, doctorName: string) {
    const record = this.record(title);
    await record.getByRole("button", { name: new RegExp(`^Stop sharing with ${doctorName} \\(`) }).click();
    await expect(record.getByRole("status").filter({ hasText: "No longer shared." })).toBeVisible();
  }

  async downloadHref(title: string): Promise<string> {
    return (await this.record(title)
      .getByRole("link", { name: `Download ${title}` })
      .getAttribute("href"))!;
  }
}
