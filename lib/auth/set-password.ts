import "server-only";
import { createElement } from "react";
import type { Db } from "@/db/client";
import { insertAuthToken, invalidateAuthTokens } from "@/db/queries/auth-tokens";
import { absoluteUrl } from "@/lib/env";
import { sendEmail } from "@/lib/notifications/mailer";
import { SetPasswordMessage } from "@/lib/notifications/templates/account-emails";
import { createSecretToken } from "./tokens";

// An account made for someone else (a walk-in patient at the front desk) has
// no password its owner knows. Its first password is set through the
// password-reset token and page (/reset-password), which also confirms the
// address; the link lives longer than a reset link, since the patient may
// read it days after the visit.

export const SET_PASSWORD_DAYS = 7;

export async function sendSetPasswordEmail(db: Db, user: { id: string; email: string; fullName: string }, now: Date): Promise<void> {
  const { token, tokenHash } = createSecretToken();
  await invalidateAuthTokens(db, { userId: user.id, kind: "reset_password", now });
  await insertAuthToken(db, { userId: user.id, kind: "reset_password", tokenHash, expiresAt: new Date(now.getTime() + SET_PASSWORD_DAYS * 86_400_000) });
  await sendEmail(db, {
    to: user.email,
    subject: "Set your Careslot password",
    template: "set-password",
    userId: user.id,
    body: createElement(SetPasswordMessage, {
      name: user.fullName,
      url: absoluteUrl(`/reset-password?${new URLSearchParams({ token })}`),
      days: SET_PASSWORD_DAYS,
    }),
  });
}
