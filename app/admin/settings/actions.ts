"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions";
import { saveSettings } from "@/lib/admin/settings";
import { settingsLabels, settingsSchema, twoFactorPolicySchema } from "@/lib/admin/schemas";
import { saveTwoFactorPolicy } from "@/lib/admin/two-factor";

export const saveSettingsAction = action({
  access: ["admin"],
  schema: settingsSchema,
  run: async (settings, { user, db }) => {
    const result = await saveSettings(db, user, settings);
    revalidatePath("/admin/settings");
    return result.changed.length ? `Saved: ${result.changed.map((key) => settingsLabels[key].label.toLowerCase()).join(", ")}.` : "Nothing changed.";
  },
});

/** "Require two-factor authentication for": admins, doctors. */
export const saveTwoFactorPolicyAction = action({
  access: ["admin"],
  schema: twoFactorPolicySchema,
  run: async (policy, { user, db, now }) => {
    const { changed, endedSessions } = await saveTwoFactorPolicy(db, user, policy, now);
    revalidatePath("/admin/settings");
    if (!changed) return "Nothing changed.";
    const roles = [policy.requireTwoFactorAdmins ? "admins" : null, policy.requireTwoFactorDoctors ? "doctors" : null].filter(Boolean);
    return roles.length
      ? `Saved: two-factor authentication is required for ${roles.join(" and ")}. Those without it set it up at their next sign-in` +
          (endedSessions ? ` (${endedSessions} ${endedSessions === 1 ? "session" : "sessions"} of theirs ended now).` : ".")
      : "Saved: two-factor authentication is no longer required for any role.";
  },
});
