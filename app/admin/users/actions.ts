"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions";
import { changeRoleSchema, userIdsSchema } from "@/lib/admin/schemas";
import { changeUserRole, setUsersActiveState } from "@/lib/admin/users";
import { resetUserTwoFactor } from "@/lib/admin/two-factor";
import { createWalkInPatient, updateUserDetails } from "@/lib/front-desk/users";
import { formatMoney } from "@/lib/format";
import { adjustWalletBalance, walletAdjustmentFormSchema } from "@/lib/admin/wallet";
import { userDetailsSchema, walkInPatientSchema } from "@/lib/front-desk/schemas";

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

/** A walk-in patient's account; they are emailed a link to set their password. */
export const createWalkInPatientAction = action({
  access: ["admin"],
  schema: walkInPatientSchema,
  run: async (input, { user, db, now }) => {
    const patient = await createWalkInPatient(db, user, input, now);
    revalidatePath("/admin/users");
    redirect(`/admin/users/${patient.id}?notice=walk-in`);
  },
});

const fieldNames: Record<string, string> = { fullName: "name", email: "email", phone: "phone" };

export const updateUserDetailsAction = action({
  access: ["admin"],
  schema: userDetailsSchema,
  run: async (input, { user, db }) => {
    const { changed } = await updateUserDetails(db, user, input);
    revalidatePath(`/admin/users/${input.userId}`);
    revalidatePath("/admin/users");
    if (changed.length === 0) return "Nothing changed.";
    return `Saved: ${changed.map((field) => fieldNames[field] ?? field).join(", ")} updated. The change is in the audit log.`;
  },
});

/** "Reset two-factor authentication" (a lost phone): audited, and the user is emailed. */
export const resetTwoFactorAction = action({
  access: ["admin"],
  schema: z.object({ userId: z.uuid({ error: "That user does not exist." }) }),
  run: async ({ userId }, { user, db }) => {
    await resetUserTwoFactor(db, user, userId);
    revalidatePath(`/admin/users/${userId}`);
    return "Two-factor authentication was reset. The user was emailed; their next sign-in asks only for the password.";
  },
});

/** "Adjust balance" on a patient's page: posted to the wallet ledger, audited. */
export const adjustWalletAction = action({
  access: ["admin"],
  schema: walletAdjustmentFormSchema,
  run: async (input, { user, db }) => {
    const posted = await adjustWalletBalance(db, user, input);
    revalidatePath(`/admin/users/${input.patientId}`);
    const amount = formatMoney(Math.abs(input.amountMinor), input.currency);
    if (posted.replayed) return "That adjustment was already made; nothing more was changed.";
    return input.amountMinor > 0 ? `Credited ${amount} to the wallet.` : `Debited ${amount} from the wallet.`;
  },
});
