import "server-only";
import type { Db } from "@/db/client";
import { getPatientTimeZone } from "@/db/queries/profiles";
import { computeSlots, groupSlotsByViewerDate, isValidTimeZone } from "@/lib/scheduling";
import type { Actor } from "@/lib/vocabulary";
import { loadSlotInput, type BookableDoctor } from "./slot-input";

/** Patients see their profile's zone; anyone else the zone they asked for, else the doctor's. */
export async function viewerTimeZoneFor(db: Db, user: Actor | null, requested: string | undefined, doctorTimeZone: string): Promise<string> {
  if (user?.role === "patient") {
    const zone = await getPatientTimeZone(db, user.id);
    if (zone && isValidTimeZone(zone)) return zone;
  }
  if (requested && isValidTimeZone(requested)) return requested;
  return doctorTimeZone;
}

/** Every free slot in the doctor's booking window, grouped by the viewer's dates. */
export async function freeSlotDays(db: Db, doctor: BookableDoctor, options: { viewerTimeZone: string; now: Date; excludeAppointmentId?: string }) {
  const input = await loadSlotInput(db, doctor, options);
  return groupSlotsByViewerDate(computeSlots(input));
}
