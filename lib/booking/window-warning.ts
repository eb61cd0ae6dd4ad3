import "server-only";
import { getAppSettings } from "@/db/queries/settings";
import { getDb } from "@/lib/db";
import { insideWindowWarning } from "./rules";

/** The before-booking warning for a chosen time, with the admin's current window and grace period (null outside the window). */
export async function bookingWindowWarning(startsAt: Date, now: Date): Promise<string | null> {
  return insideWindowWarning(startsAt, now, await getAppSettings(getDb()));
}
