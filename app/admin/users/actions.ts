"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions";
import { changeRoleSchema, userIdsSchema } from "@/lib/admin/schemas";
import { changeUserRole, setUsersActiveState } from "@/lib/admin/users";

const bulkUsersSchema = z.object({
  operation: z.enum(["deactivate", "reactivate"], { error: "Choose an action." }),
  userIds: userIdsSchema,
});

export const bulkUsersAction = action({
  access: ["admin"],
  schema: bulkUsersSchema,
  run: async ({ operation, userIds }, { user, db, now }) => {
    const active = operation === "reactivate";
    const result = await setUsersActiveState(db, user, { userIds, active }, now);
    revalidatePath("/admin/users");
    const verb = active ? "reactivated" : "deactivated";
    const note = result.unchanged ? ` ${result.unchanged} already ${active ? "active" : "inactive"}.` : "";
    return `${result.changed} ${result.changed === 1 ? "user" : "users"} ${verb}.${active ? "" : " Their sessions ended."}${note}`;
  },
});

export const changeRoleAction = action({
  access: ["admin"],
  schema: changeRoleSchema,
  run: async (input, { user, db, now }) => {
    const result = await changeUserRole(db, user, input, now);
    revalidatePath(`/admin/users/${input.userId}`);
    revalidatePath("/admin/users");
    return result.changed
      ? `Role changed to ${result.user.role}. Their sessions ended; the new role applies when they sign in again.`
      : "That is already their role.";
  },
});

export const setActiveAction = action({
  access: ["admin"],
  schema: z.object({ userId: z.uuid({ error: "That user does not exist." }), active: z.string().transform((value) => value === "true") }),
  run: async ({ userId, active }, { user, db, now }) => {
    await setUsersActiveState(db, user, { userIds: [userId], active }, now);
    revalidatePath(`/admin/users/${userId}`);
    return active ? "Account reactivated. They can sign in again." : "Account deactivated. Their sessions ended and they cannot sign in.";
  },
});
