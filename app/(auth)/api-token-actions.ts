"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions";
import { createPersonalAccessToken, createTokenSchema, revokePersonalAccessToken, revokeTokenSchema } from "@/lib/api/personal-tokens";
import { portalPath } from "@/lib/auth/guards";

// The account page of every portal: the caller's own API tokens, never anyone else's.

/** The token is in this answer only: it is shown once and never stored. */
export const createApiTokenAction = action({
  access: "signed-in",
  schema: createTokenSchema,
  run: async (input, { user, db, now }) => {
    const { token } = await createPersonalAccessToken(db, user, input, now);
    revalidatePath(`${portalPath(user.role)}/account`);
    return { message: "Token created. Copy it now: it will not be shown again.", token };
  },
});

export const revokeApiTokenAction = action({
  access: "signed-in",
  schema: revokeTokenSchema,
  run: async ({ tokenId }, { user, db, now }) => {
    await revokePersonalAccessToken(db, user, tokenId, now);
    revalidatePath(`${portalPath(user.role)}/account`);
    return "Token revoked.";
  },
});
