import { getDb } from "@/lib/db";
import { sendTwoFactorResetEmail } from "@/lib/notifications/accounts";
import { inngest } from "../client";
import { accountTwoFactorReset } from "../events";

/** Tells a user an administrator reset their two-factor authentication. */
export const sendTwoFactorResetNotice = inngest.createFunction(
  { id: "send-two-factor-reset-notice", name: "Two-factor reset email", triggers: [accountTwoFactorReset] },
  async ({ event, step }) => {
    const email = await step.run("email-two-factor-reset", () => sendTwoFactorResetEmail(getDb(), event.data.userId));
    return { userId: event.data.userId, email };
  },
);
