"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions";
import { saveSettings } from "@/lib/admin/settings";
import { settingsLabels, settingsSchema } from "@/lib/admin/schemas";

export const saveSettingsAction = action({
  access: ["admin"],
  schema: settingsSchema,
  run: async (settings, { user, db }) => {
    const result = await saveSettings(db, user, settings);
    revalidatePath("/admin/settings");
    return result.changed.length ? `Saved: ${result.changed.map((key) => settingsLabels[key].label.toLowerCase()).join(", ")}.` : "Nothing changed.";
  },
});
