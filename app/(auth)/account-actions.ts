"use server";

import { revalidatePath } from "next/cache";
import { revokeOtherSessions, revokeOwnSession } from "@/db/queries/users";
import { action } from "@/lib/actions";
import { sessionIdSchema } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";
import { portalPath } from "@/lib/auth/guards";
import { changePasswordSchema } from "@/lib/profiles/schemas";
import { changePassword } from "@/lib/profiles/service";
import { currentSessionId } from "@/lib/profiles/session";
import { z } from "zod";

// The account page of every portal: the caller's own password and sessions, never anyone else's.

/** Passwords are never sent back to the form, not even on a refusal. */
export const changePasswordAction = action({
  access: "signed-in",
  schema: changePasswordSchema,
  run: async (passwords, { user, db, now }) => {
    const keepSessionId = await currentSessionId();
    const { endedSessions } = await changePassword(db, { userId: user.id, keepSessionId, ...passwords }, now);
    revalidatePath(`${portalPath(user.role)}/account`);
    const others = endedSessions === 0 ? "" : ` ${endedSessions} other ${endedSessions === 1 ? "session was" : "sessions were"} signed out.`;
    return `Password changed.${others}`;
  },
});

/** "Sign out" on one listed session: it ends at its next request. */
export const signOutSessionAction = action({
  access: "signed-in",
  schema: sessionIdSchema,
  run: async ({ sessionId }, { user, db, now }) => {
    if (sessionId === (await currentSessionId())) throw new AppError("conflict", "That is this browser: use Sign out at the top of the page.");
    if (!(await revokeOwnSession(db, user.id, sessionId, now))) throw new AppError("not_found", "That session has already ended.");
    revalidatePath(`${portalPath(user.role)}/account`);
    return "That session was signed out.";
  },
});

export const signOutOtherSessionsAction = action({
  access: "signed-in",
  schema: z.object({}),
  run: async (_input, { user, db, now }) => {
    const ended = await revokeOtherSessions(db, user.id, await currentSessionId(), now);
    revalidatePath(`${portalPath(user.role)}/account`);
    return ended === 0 ? "No other session was signed in." : `${ended} other ${ended === 1 ? "session was" : "sessions were"} signed out.`;
  },
});
