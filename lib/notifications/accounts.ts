import { createElement } from "react";
import type { Db } from "@/db/client";
import { getUserById } from "@/db/queries/users";
import { absoluteUrl } from "@/lib/env";
import { sendFromJob, type MailResult } from "./mailer";
import { TwoFactorResetMessage } from "./templates/account-emails";

/** Tells a user an administrator reset their two-factor authentication. */
export async function sendTwoFactorResetEmail(db: Db, userId: string): Promise<MailResult> {
  const user = await getUserById(db, userId);
  if (!user) return { outcome: "skipped", reason: "user not found" };
  return sendFromJob(
    db,
    {
      to: user.email,
      userId: user.id,
      template: "two-factor-reset",
      subject: "Two-factor authentication was reset on your Careslot account",
      body: createElement(TwoFactorResetMessage, { name: user.fullName, accountUrl: absoluteUrl(`/${user.role}/account`) }),
    },
    `two-factor reset email to ${user.id}`,
  );
}
