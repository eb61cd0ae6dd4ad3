import { expect, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";

// Two-factor authentication as a person uses it: the account page's set-up,
// and the second step of sign-in. Codes are computed from the secret the page
// shows, with the same TOTP library the app uses, as an authenticator would.

/** The code an authenticator shows `offsetSteps` steps from now (+1: the next one, never yet used). */
export function codeFor(secret: string, offsetSteps = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret.replace(/\s+/g, "")), timestamp: Date.now() + offsetSteps * 30_000 });
}

export class TwoFactorPage {
  constructor(private readonly page: Page) {}

  /** The shown setup key. */
  async secret(): Promise<string> {
    return ((await this.page.getByTestId("two-factor-secret").textContent()) ?? "").replace(/\s+/g, "");
  }

  /** "Set up" → QR code and key → one code: answers the key and the ten recovery codes shown. */
  async enrol(accountPath: string): Promise<{ secret: string; recoveryCodes: string[] }> {
    await this.page.goto(accountPath);
    await this.page.getByRole("button", { name: "Set up" }).click();
    await expect(this.page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    const secret = await this.secret();
    await this.page.getByLabel("Authentication code").fill(codeFor(secret));
    await this.page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    const recoveryCodes = await this.recoveryCodes();
    return { secret, recoveryCodes };
  }

  async recoveryCodes(): Promise<string[]> {
    const list = this.page.getByRole("list", { name: "Recovery codes" });
    await expect(list.getByRole("listitem")).toHaveCount(10);
    return (await list.getByRole("listitem").allTextContents()).map((code) => code.trim());
  }

  /** The second step of sign-in: "Authentication code", then Verify. */
  async enterCode(code: string) {
    await expect(this.page).toHaveURL(/\/login\/two-factor$/);
    await this.page.getByLabel("Authentication code").fill(code);
    await this.page.getByRole("button", { name: "Verify" }).click();
  }

  get error() {
    return this.page.getByRole("alert").filter({ hasText: /\S/ });
  }
}
