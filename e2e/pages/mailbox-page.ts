import { expect, type Page } from "@playwright/test";

export class MailboxPage {
  constructor(private readonly page: Page) {}

  /** The newest email to `to` with that subject; returns the first link in it that contains `linkPart`. */
  async linkFrom(to: string, subject: string | RegExp, linkPart: string, options: { timeout?: number } = {}): Promise<string> {
    await this.page.goto("/dev/mailbox");
    const message = this.page.getByRole("article", { name: subject }).filter({ hasText: to }).first();
    await expect(message).toBeVisible(options);
    const href = await message.getByRole("link").filter({ hasText: linkPart }).first().getAttribute("href");
    if (!href) throw new Error(`no link containing ${linkPart} in "${subject}" to ${to}`);
    return href;
  }

  /** Where the newest email to `to` with that subject can be read as it would have been sent. */
  async asSentHref(to: string, subject: string): Promise<string> {
    await this.page.goto("/dev/mailbox");
    const message = this.page.getByRole("article", { name: subject }).filter({ hasText: to }).first();
    const href = await message.getByRole("link", { name: `View as sent (HTML): ${subject}` }).getAttribute("href");
    if (!href) throw new Error(`no HTML view for "${subject}" to ${to}`);
    return href;
  }

  /** The text of the newest email to `to` with that subject, as the mailbox shows it. */
  async textOf(to: string, subject: string): Promise<string> {
    await this.page.goto("/dev/mailbox");
    const message = this.page.getByRole("article", { name: subject }).filter({ hasText: to }).first();
    await expect(message).toBeVisible();
    return (await message.textContent()) ?? "";
  }
}
