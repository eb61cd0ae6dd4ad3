"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { dateOverrideFromFormData, schedulingSettingsFromFormData, weeklyHoursFromFormData } from "@/lib/availability/form-data";
import { removeDateOverride, saveDateOverride, saveSchedulingSettings, saveWeeklyHours } from "@/lib/availability/service";
import { failure, type ActionResult } from "@/lib/errors";

// Thin on purpose: the session gives the doctor id (never the form), the
// service validates with the shared schema and writes in one transaction.

export type AvailabilityFormState = (ActionResult<{ message: string }> & { code?: string }) | null;

const SIGNED_OUT = "Your session has ended. Sign in again as a doctor to change availability.";

function refresh() {
  revalidatePath("/doctor/availability");
  revalidatePath("/doctor/calendar");
}

export async function saveWeeklyHoursAction(_previous: AvailabilityFormState, formData: FormData): Promise<AvailabilityFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure(SIGNED_OUT);
  const result = await runService(async () => {
    await saveWeeklyHours(getDb(), doctor.id, weeklyHoursFromFormData(formData));
    return { message: "Weekly hours saved." };
  });
  if (result.ok) refresh();
  return result;
}

export async function saveOverrideAction(_previous: AvailabilityFormState, formData: FormData): Promise<AvailabilityFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure(SIGNED_OUT);
  const result = await runService(async () => {
    const { date } = await saveDateOverride(getDb(), doctor.id, dateOverrideFromFormData(formData), new Date());
    return { message: `Override for ${date} saved.` };
  });
  if (result.ok) refresh();
  return result;
}

export async function deleteOverrideAction(_previous: AvailabilityFormState, formData: FormData): Promise<AvailabilityFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure(SIGNED_OUT);
  const result = await runService(async () => {
    const { date } = await removeDateOverride(getDb(), doctor.id, { overrideId: formData.get("overrideId") });
    return { message: `Override for ${date} deleted.` };
  });
  // A stale row (deleted in another tab) refreshes too, so the list stops showing it.
  if (result.ok || result.code === "not_found") refresh();
  return result;
}

export async function saveSettingsAction(_previous: AvailabilityFormState, formData: FormData): Promise<AvailabilityFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure(SIGNED_OUT);
  const result = await runService(async () => {
    await saveSchedulingSettings(getDb(), doctor.id, schedulingSettingsFromFormData(formData));
    return { message: "Settings saved." };
  });
  if (result.ok) refresh();
  return result;
}
