import "server-only";
import type { Db } from "@/db/client";
import { getBookableDoctor, getPatientProfileForEdit } from "@/db/queries/profiles";
import { getRatingSummary } from "@/db/queries/reviews";
import { getWeeklyRules } from "@/db/queries/availability";
import { listSpecializations } from "@/db/queries/specializations";
import { AppError } from "@/lib/errors";
import { checkSearchPlace } from "@/lib/places/search-place";
import { computeSlots, isValidTimeZone, type Slot } from "@/lib/scheduling";
import { loadSlotInput } from "@/lib/booking/slot-input";
import { parseSearchParams } from "@/lib/search/params";
import { searchDoctors as runSearch, type SearchResult } from "@/lib/search/service";
import type { ApiCaller } from "./authenticate";
import { SEARCH_PAGE_SIZE } from "./contract/public";
import { encodeCursor, type Paging } from "./paging";

// The public endpoints, over the same services as /doctors and /doctors/[id].

export function slotView(slot: Slot) {
  return {
    starts_at: slot.startsAt.toISOString(),
    ends_at: slot.endsAt.toISOString(),
    local_date: slot.viewerDate,
    local_time: slot.viewerTime,
    local_offset: slot.viewerOffset,
    doctor_date: slot.doctorDate,
    doctor_time: slot.doctorTime,
  };
}

function summaryView({ doctor, rating, firstSlot }: SearchResult) {
  return {
    id: doctor.id,
    full_name: doctor.fullName,
    specialization: doctor.specialization,
    price: { amount_minor: doctor.priceMinor, currency: doctor.currency },
    city: doctor.city,
    clinic_name: doctor.clinicName,
    time_zone: doctor.timeZone,
    years_experience: doctor.yearsExperience,
    languages: doctor.languages,
    accepting_bookings: doctor.acceptingBookings,
    rating,
    distance_km: doctor.distanceKm,
    first_slot: firstSlot ? slotView(firstSlot) : null,
  };
}

type RawQuery = Record<string, string | string[] | undefined>;

/**
 * The search of /doctors, by its own parser: a filter it would drop with a
 * notice is a 422 here. The search pages hold 10 doctors; a cursor may start
 * anywhere, so a page is cut from at most two of them.
 */
export async function searchDoctorsPage(db: Db, raw: RawQuery, paging: Paging, caller: ApiCaller | null, now: Date) {
  const filters = Object.fromEntries(Object.entries(raw).filter(([name]) => name !== "cursor" && name !== "limit"));
  const specializations = await listSpecializations(db);
  const { query, values, notices } = parseSearchParams(filters, specializations);
  checkSearchPlace(query, values, notices);
  if (notices.length > 0) throw new AppError("invalid_input", notices[0], { filters: notices });
  const profile = caller?.role === "patient" ? (await getPatientProfileForEdit(db, caller.id))?.profile : undefined;
  const savedPoint = profile?.latitude != null && profile.longitude != null ? { latitude: profile.latitude, longitude: profile.longitude } : null;
  const viewerTimeZone = profile && isValidTimeZone(profile.timeZone) ? profile.timeZone : (query.timeZone ?? "UTC");
  const context = { now, viewerTimeZone, savedPoint };

  const firstPage = Math.floor(paging.cursor / SEARCH_PAGE_SIZE) + 1;
  const skip = paging.cursor % SEARCH_PAGE_SIZE;
  const first = await runSearch(db, { ...query, page: firstPage }, context);
  if (first.notices.length > 0) throw new AppError("invalid_input", first.notices[0], { filters: first.notices });
  let results = first.results.slice(skip);
  let hasNext = first.hasNext;
  if (results.length < paging.limit && first.hasNext) {
    const second = await runSearch(db, { ...query, page: firstPage + 1 }, context);
    results = results.concat(second.results);
    hasNext = second.hasNext;
  }
  const more = results.length > paging.limit || hasNext;
  return { data: results.slice(0, paging.limit).map(summaryView), next_cursor: more ? encodeCursor(paging.cursor + paging.limit) : null };
}

/** A doctor the public may see: verified and active, else 404 as for no doctor at all. */
export async function publicDoctor(db: Db, doctorId: string) {
  const doctor = await getBookableDoctor(db, doctorId);
  if (!doctor || !doctor.active || doctor.verificationStatus !== "verified") throw new AppError("not_found", "We could not find that doctor.");
  return doctor;
}

export async function doctorDetail(db: Db, doctorId: string) {
  const doctor = await publicDoctor(db, doctorId);
  const [rating, hours] = await Promise.all([getRatingSummary(db, doctorId), getWeeklyRules(db, doctorId)]);
  return {
    id: doctor.id,
    full_name: doctor.fullName,
    specialization: doctor.specialization,
    price: { amount_minor: doctor.priceMinor, currency: doctor.currency },
    city: doctor.city,
    clinic_name: doctor.clinicName,
    address: doctor.address,
    time_zone: doctor.timeZone,
    years_experience: doctor.yearsExperience,
    languages: doctor.languages,
    accepting_bookings: doctor.acceptingBookings,
    bio: doctor.bio,
    rating: rating.average === null ? null : { average: rating.average, count: rating.count },
    slot_minutes: doctor.slotMinutes,
    minimum_notice_hours: doctor.minimumNoticeHours,
    booking_horizon_days: doctor.bookingHorizonDays,
    weekly_hours: hours.map((rule) => ({ weekday: rule.weekday, start_time: rule.startTime, end_time: rule.endTime })),
  };
}

/** Free slots from the same engine and loader as the booking panel. */
export async function doctorSlots(db: Db, doctorId: string, input: { from?: string; to?: string; tz?: string }, now: Date): Promise<Slot[]> {
  if (input.tz && !isValidTimeZone(input.tz))
    throw new AppError("invalid_input", "tz must be an IANA time zone such as Europe/Berlin.", { tz: ["Not a time zone."] });
  const from = input.from ? new Date(input.from) : undefined;
  const to = input.to ? new Date(input.to) : undefined;
  if (from && to && to <= from) throw new AppError("invalid_input", "to must come after from.", { to: ["Must come after from."] });
  const doctor = await publicDoctor(db, doctorId);
  if (!doctor.acceptingBookings) return [];
  const slotInput = await loadSlotInput(db, doctor, { viewerTimeZone: input.tz ?? doctor.timeZone, now, from, to });
  return computeSlots(slotInput);
}
