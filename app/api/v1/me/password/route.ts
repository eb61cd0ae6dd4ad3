import { changeMyPassword } from "@/lib/api/contract/me";
import { preflight } from "@/lib/api/cors";
import { handle, noContent } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { changePassword } from "@/lib/profiles/service";

const RENAMED: Record<string, string> = { currentPassword: "current_password", newPassword: "new_password" };

export const POST = handle(changeMyPassword, async ({ body }, { db, caller, now }) => {
  // The sign-in making the change stays; a personal token keeps no browser or API session alive.
  const keepSessionId = caller.credential.kind === "session" ? caller.credential.sessionId : null;
  try {
    await changePassword(db, { userId: caller.id, keepSessionId, currentPassword: body.current_password, newPassword: body.new_password }, now);
  } catch (error) {
    if (error instanceof AppError && error.fieldErrors)
      throw new AppError(error.code, error.message, Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [RENAMED[k] ?? k, v])));
    throw error;
  }
  return noContent();
});

export const OPTIONS = preflight;
