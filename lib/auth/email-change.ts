import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import { changeUserEmail } from "@/db/queries/notifications";
import { getUserById } from "@/db/queries/users";
import { emailKey, sendVerificationEmail } from "./accounts";
import { checkPasswordAttempt } from "./credentials";
import { lockoutMessage } from "./lockout";
import { AppError } from "@/lib/errors";

/**
 * Corrects the account's email address (the banner after a hard bounce
 * points here): the current password proves it is the owner, the new
 * address must be confirmed again, and a link to do that is sent to it. The
 * bounced address stays refused; the new one is not, so the banner goes.
 */
export async function changeEmailAddress(db: Db, input: { userId: string; email: string; currentPassword: string }, now: Date): Promise<void> {
  const user = await getUserById(db, input.userId);
  if (!user || !user.active) throw new AppError("unauthenticated");
  if (!user.passwordHash) throw new AppError("conflict", "Your account signs in with Google: set a password first (Forgot your password?).");
  const check = await checkPasswordAttempt(db, { emailKey: emailKey(user.email), passwordHash: user.passwordHash, password: input.currentPassword }, now);
  if (!check.ok) {
    if (check.reason === "locked") throw new AppError("rate_limited", lockoutMessage(check.retryAfterSeconds, "wrong passwords"));
    throw new AppError("invalid_input", "Please correct the highlighted field.", { currentPassword: ["That is not your current password."] });
  }
  if (emailKey(input.email) === emailKey(user.email)) {
    throw new AppError("invalid_input", "Please correct the highlighted field.", { email: ["That is already your address."] });
  }
  await db.transaction(async (tx) => {
    if (!(await changeUserEmail(tx, user.id, input.email, now))) {
      throw new AppError("invalid_input", "Please correct the highlighted field.", { email: ["Another account uses that address."] });
    }
    await insertAuditEntry(tx, {
      actorId: user.id,
      actorRole: user.role,
      action: "user.email_changed",
      entityType: "user",
      entityId: user.id,
      before: { email: user.email },
      after: { email: input.email },
    });
  });
  await sendVerificationEmail(db, user.id, now);
}
