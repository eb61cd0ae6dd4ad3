"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions";
import { dateOverrideFromFormData, schedulingSettingsFromFormData, weeklyHoursFromFormData } from "@/lib/availability/form-data";
import { dateOverrideSchema, deleteOverrideSchema, schedulingSettingsSchema, weeklyHoursSchema } from "@/lib/availability/schemas";
import { removeDateOverride, saveDateOverride, saveSchedulingSettings, saveWeeklyHours } from "@/lib/availability/service";

// Thin on purpose: the session gives the doctor id (never the form), the
// form's fields are read as the client reads them (lib/availability/form-data)
// and parsed with the shared schema; the service writes in one transaction.

function refresh() {
  revalidatePath("/doctor/availability");
  revalidatePath("/doctor/calendar");
}

export const saveWeeklyHoursAction = action({
  access: ["doctor"],
  schema: weeklyHoursSchema,
  fields: weeklyHoursFromFormData,
  nestedFields: true,
  invalid: "Some hours need your attention. Nothing was saved.",
  run: async (hours, { user, db }) => {
    await saveWeeklyHours(db, user.id, hours);
    refresh();
    return "Weekly hours saved.";
  },
});

export const saveOverrideAction = action({
  access: ["doctor"],
  schema: dateOverrideSchema,
  fields: dateOverrideFromFormData,
  nestedFields: true,
  invalid: "Some fields need your attention. Nothing was saved.",
  run: async (override, { user, db, now }) => {
    const { date } = await saveDateOverride(db, user.id, override, now);
    refresh();
    return `Override for ${date} saved.`;
  },
});

export const deleteOverrideAction = action({
  access: ["doctor"],
  schema: deleteOverrideSchema,
  invalid: "That override could not be found.",
  run: async (input, { user, db }) => {
    // A stale row (deleted in another tab) refreshes too, so the list stops showing it.
    refresh();
    const { date } = await removeDateOverride(db, user.id, input);
    return `Override for ${date} deleted.`;
  },
});

export const saveSettingsAction = action({
  access: ["doctor"],
  schema: schedulingSettingsSchema,
  fields: schedulingSettingsFromFormData,
  nestedFields: true,
  invalid: "Some settings need your attention. Nothing was saved.",
  run: async (settings, { user, db }) => {
    await saveSchedulingSettings(db, user.id, settings);
    refresh();
    return "Settings saved.";
  },
});
