"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { saveDateOverride } from "@/lib/availability/service";
import { failure, type ActionResult } from "@/lib/errors";

export type DateHoursResult = ActionResult<{ date: string }> & { code?: string };

/**
 * A block dragged or resized on the calendar: that date's full list of ranges
 * becomes its override (no ranges left = closed). The input is untrusted JSON
 * from the browser; the service validates it with the same schema as the form.
 */
export async function saveDateHoursAction(input: { date: unknown; ranges: unknown }): Promise<DateHoursResult> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure("Your session has ended. Sign in again as a doctor to change hours.");
  const ranges = Array.isArray(input?.ranges) ? input.ranges : [];
  const override = ranges.length === 0 ? { date: input?.date, kind: "closed" } : { date: input?.date, kind: "custom", ranges };
  const result = await runService(() => saveDateOverride(getDb(), doctor.id, override, new Date()));
  if (result.ok) {
    revalidatePath("/doctor/availability");
    revalidatePath("/doctor/calendar");
  }
  return result;
}
