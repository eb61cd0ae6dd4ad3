"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getPatientProfileForEdit } from "@/db/queries/profiles";
import { action } from "@/lib/actions";
import { portalPath } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { changeEmailAddress } from "@/lib/auth/email-change";
import { savePreferences } from "@/lib/notifications/preferences";
import { confirmPhoneVerification, normaliseMobile, removeMobilePhone, startPhoneVerification } from "@/lib/notifications/sms/phone";

// The "Notifications" section of every account page: the caller's own
// preferences and (patients) their own mobile number, never anyone else's.

const boxes = z.object({ on: z.array(z.string().max(40)).max(40) });

/** Each ticked box is an `on` field "kind/channel"; the boxes left unticked switch that kind off on that channel. */
export const saveNotificationPreferencesAction = action({
  access: "signed-in",
  schema: boxes,
  fields: (formData) => ({ on: formData.getAll("on").map(String) }),
  run: async ({ on }, { user, db }) => {
    await savePreferences(db, user, new Set(on));
    revalidatePath(`${portalPath(user.role)}/account`);
    return "Notification preferences saved.";
  },
});

export const sendPhoneCodeAction = action({
  access: ["patient"],
  schema: z.object({ phone: z.string().trim().min(1, "Enter your mobile number.").max(40) }),
  run: async ({ phone }, { user, db, now }) => {
    const profile = await getPatientProfileForEdit(db, user.id);
    const parsed = normaliseMobile(phone, profile?.profile?.countryCode);
    if (!parsed.ok) throw new AppError("invalid_input", parsed.message, { phone: [parsed.message] });
    await startPhoneVerification(db, { userId: user.id, phone: parsed.phone }, now);
    revalidatePath("/patient/account");
    return `We sent a 6-digit code to ${parsed.phone}. Enter it below.`;
  },
});

export const confirmPhoneCodeAction = action({
  access: ["patient"],
  schema: z.object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "Enter the 6 digits of the code."),
  }),
  run: async ({ code }, { user, db, now }) => {
    const { phone } = await confirmPhoneVerification(db, { userId: user.id, code }, now);
    revalidatePath("/patient/account");
    return `Your mobile number ${phone} is confirmed. Text messages go to it from now on.`;
  },
});

export const removeMobileAction = action({
  access: ["patient"],
  schema: z.object({}),
  run: async (_input, { user, db, now }) => {
    await removeMobilePhone(db, user.id, now);
    revalidatePath("/patient/account");
    return "Your mobile number was removed. No more text messages will be sent.";
  },
});

/** The banner after a bounce leads here: a corrected address, confirmed again by a link sent to it. */
export const changeEmailAction = action({
  access: "signed-in",
  schema: z.object({ email: z.email("Enter a valid email address.").max(254), currentPassword: z.string().min(1, "Enter your current password.").max(200) }),
  run: async ({ email, currentPassword }, { user, db, now }) => {
    await changeEmailAddress(db, { userId: user.id, email, currentPassword }, now);
    revalidatePath(portalPath(user.role), "layout");
    return `Your email address is now ${email}. We sent a link to it: confirm it to keep using your account.`;
  },
});
