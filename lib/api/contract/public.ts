import { z } from "zod";
import { MIN_RATING_OPTIONS, SORT_OPTIONS, WITHIN_OPTIONS } from "@/lib/search/params";
import { operation } from "../operation";
import { pageOf, pagingQuery } from "../paging";
import { idParams, instantOut, moneySchema } from "./schemas";

// Public: anyone may call, with or without a token.

export const SEARCH_PAGE_SIZE = 10;

export const specializationSchema = z.object({ id: z.uuid(), name: z.string(), slug: z.string() }).meta({ id: "Specialization" });

const text = (description: string) => z.string().max(200).optional().meta({ description });
const choice = (values: readonly { value: string }[], description: string) =>
  z
    .enum(values.map((option) => option.value).filter(Boolean) as [string, ...string[]])
    .optional()
    .meta({ description });

/** The /doctors search form's filters, by the same names as its query string. */
export const doctorSearchQuery = pagingQuery(SEARCH_PAGE_SIZE).extend({
  q: text("Part of the doctor's name."),
  specialization: text("A specialization's slug (or name)."),
  country: text("ISO 3166-1 alpha-2 country code, e.g. DE."),
  region: text("Region code within the country, e.g. BE."),
  city: text("City name."),
  near: z.enum(["here", "saved"]).optional().meta({ description: "here: around lat/lng; saved: around the patient's saved location." }),
  lat: text("Latitude, with near=here."),
  lng: text("Longitude, with near=here."),
  radius: text("Kilometres around the point (1–500, default 25)."),
  maxPrice: text("Highest fee, in major units."),
  minRating: choice(MIN_RATING_OPTIONS, "Lowest average rating."),
  minYears: text("Fewest years of experience."),
  within: choice(WITHIN_OPTIONS, "A free slot within: today, 3, 7 or 14 days."),
  sort: choice(SORT_OPTIONS, "rating (default), price, distance or earliest."),
  tz: text("The IANA zone the availability window and times are read in."),
  hours: z
    .union([z.string().max(200), z.array(z.string().max(20)).max(4)])
    .optional()
    .meta({ description: "Day parts: mornings, afternoons, evenings, weekends (repeat, or comma-separated)." }),
  language: text("A language the doctor speaks."),
});

export const slotSchema = z
  .object({
    starts_at: instantOut,
    ends_at: instantOut,
    local_date: z.string().meta({ description: "YYYY-MM-DD in the requested zone." }),
    local_time: z.string().meta({ description: "HH:MM in the requested zone." }),
    local_offset: z.string(),
    doctor_date: z.string(),
    doctor_time: z.string(),
  })
  .meta({ id: "Slot" });

export const doctorSummarySchema = z
  .object({
    id: z.uuid(),
    full_name: z.string(),
    specialization: z.string().nullable(),
    price: moneySchema,
    city: z.string().nullable(),
    clinic_name: z.string().nullable(),
    time_zone: z.string(),
    years_experience: z.int(),
    languages: z.array(z.string()),
    accepting_bookings: z.boolean(),
    rating: z.object({ average: z.number(), count: z.int() }).nullable(),
    distance_km: z.number().nullable(),
    first_slot: slotSchema.nullable(),
  })
  .meta({ id: "DoctorSummary" });

export const doctorDetailSchema = doctorSummarySchema
  .omit({ distance_km: true, first_slot: true })
  .extend({
    bio: z.string(),
    address: z.string().nullable(),
    slot_minutes: z.int(),
    minimum_notice_hours: z.int(),
    booking_horizon_days: z.int(),
    weekly_hours: z.array(
      z.object({ weekday: z.int().min(1).max(7).meta({ description: "1 = Monday … 7 = Sunday." }), start_time: z.string(), end_time: z.string() }),
    ),
  })
  .meta({ id: "DoctorDetail" });

const slotsQuery = pagingQuery(500).extend({
  from: z.iso
    .datetime({ offset: true, error: "from must be an ISO 8601 instant with an offset." })
    .optional()
    .meta({ description: "From this instant (default: now)." }),
  to: z.iso
    .datetime({ offset: true, error: "to must be an ISO 8601 instant with an offset." })
    .optional()
    .meta({ description: "Up to this instant (default: the doctor's booking horizon)." }),
  tz: z.string().max(64).optional().meta({ description: "The IANA zone of local_date/local_time (default: the doctor's)." }),
});

export const listSpecializations = operation({
  id: "listSpecializations",
  method: "get",
  path: "/specializations",
  summary: "List specializations",
  tag: "Public",
  access: "anyone",
  query: pagingQuery(),
  responses: { 200: { description: "One page of specializations.", schema: pageOf(specializationSchema, "SpecializationPage") } },
});

export const searchDoctors = operation({
  id: "searchDoctors",
  method: "get",
  path: "/doctors",
  summary: "Search verified doctors",
  description: "Every filter of the /doctors page, by the same names. Pages hold at most 10 doctors.",
  tag: "Public",
  access: "anyone",
  query: doctorSearchQuery,
  responses: { 200: { description: "One page of doctors.", schema: pageOf(doctorSummarySchema, "DoctorPage") } },
});

export const getDoctor = operation({
  id: "getDoctor",
  method: "get",
  path: "/doctors/{id}",
  summary: "A doctor's public profile",
  tag: "Public",
  access: "anyone",
  params: idParams("doctor"),
  responses: { 200: { description: "The doctor.", schema: doctorDetailSchema } },
});

export const listDoctorSlots = operation({
  id: "listDoctorSlots",
  method: "get",
  path: "/doctors/{id}/slots",
  summary: "A doctor's free slots",
  description: "From the same slot engine as the booking page: open hours minus appointments, notice and horizon.",
  tag: "Public",
  access: "anyone",
  params: idParams("doctor"),
  query: slotsQuery,
  responses: { 200: { description: "One page of free slots, soonest first.", schema: pageOf(slotSchema, "SlotPage") } },
});

export const publicOperations = [listSpecializations, searchDoctors, getDoctor, listDoctorSlots];
