import { z } from "zod";
import { dateOverrideSchema, dayRangesSchema } from "@/lib/availability/schemas";
import { operation } from "../operation";
import { pageOf, pagingQuery } from "../paging";
import { appointmentSchema } from "./appointments";
import { idParams, instantOut } from "./schemas";

// A doctor's practice: schedule, availability, patients.

const range = z.object({ start_time: z.string().meta({ description: "HH:MM, the doctor's local time." }), end_time: z.string() });

export const availabilitySchema = z
  .object({
    time_zone: z.string(),
    slot_minutes: z.int(),
    buffer_minutes: z.int(),
    minimum_notice_hours: z.int(),
    booking_horizon_days: z.int(),
    accepting_bookings: z.boolean(),
    rules: z.array(range.extend({ weekday: z.int().min(1).max(7) })).meta({ description: "Weekly hours; weekday 1 = Monday." }),
    overrides: z.array(z.object({ id: z.uuid(), date: z.string(), closed: z.boolean(), ranges: z.array(range) })).meta({ description: "Dates from today on." }),
  })
  .meta({ id: "Availability" });

export const rulesBody = z
  .object({
    rules: z
      .array(
        z.object({
          weekday: z.int().min(1, "weekday is 1 (Monday) to 7 (Sunday).").max(7, "weekday is 1 (Monday) to 7 (Sunday)."),
          start_time: z.string(),
          end_time: z.string(),
        }),
      )
      .max(42),
  })
  .meta({ id: "WeeklyRules", description: "Replaces every weekly rule; checked like the availability page (no overlaps, at most 6 ranges a day)." });

export const overrideBody = z
  .object({
    date: z.string().meta({ description: "YYYY-MM-DD, the doctor's local date." }),
    kind: z.enum(["closed", "custom"]),
    ranges: z.array(range).max(6).optional().meta({ description: "With kind custom: that date's hours." }),
  })
  .meta({ id: "DateOverride" });

/** The page's own checks, so the API refuses what the form would. */
export const availabilityChecks = { dayRanges: dayRangesSchema, dateOverride: dateOverrideSchema };

const scheduleEntry = z
  .object({
    id: z.uuid(),
    status: z.string(),
    starts_at: instantOut,
    ends_at: instantOut,
    patient_name: z.string().nullable().meta({ description: "Shown while the patient is in the doctor's care." }),
    reason: z.string().nullable(),
  })
  .meta({ id: "ScheduleEntry" });

export const patientSummarySchema = z
  .object({ id: z.uuid(), full_name: z.string(), email: z.string(), visits: z.int(), last_visit: instantOut.nullable(), next_visit: instantOut.nullable() })
  .meta({ id: "PatientSummary" });

export const patientDetailSchema = z
  .object({
    id: z.uuid(),
    full_name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    time_zone: z.string().nullable(),
    allergies: z.string().nullable(),
    chronic_conditions: z.string().nullable(),
    current_medications: z.string().nullable(),
    blood_type: z.string().nullable(),
    history: z.array(
      appointmentSchema.pick({ id: true, status: true, starts_at: true, reason: true }).extend({
        note: z.string().nullable().meta({ description: "The doctor's private consultation note." }),
        summary: z.string().nullable().meta({ description: "The summary the patient sees." }),
      }),
    ),
  })
  .meta({ id: "PatientDetail" });

const windowQuery = pagingQuery(500).extend({
  from: z.iso.datetime({ offset: true, error: "from must be an ISO 8601 instant with an offset." }),
  to: z.iso.datetime({ offset: true, error: "to must be an ISO 8601 instant with an offset." }),
});

export const getSchedule = operation({
  id: "getSchedule",
  method: "get",
  path: "/schedule",
  summary: "My calendar: appointments in a window (at most 62 days)",
  tag: "Practice",
  access: ["doctor"],
  query: windowQuery,
  responses: { 200: { description: "Appointments overlapping the window, soonest first.", schema: pageOf(scheduleEntry, "SchedulePage") } },
});

export const getAvailability = operation({
  id: "getAvailability",
  method: "get",
  path: "/availability",
  summary: "My weekly hours, date overrides and booking settings",
  tag: "Practice",
  access: ["doctor"],
  responses: { 200: { description: "The availability.", schema: availabilitySchema } },
});

export const replaceRules = operation({
  id: "replaceAvailabilityRules",
  method: "put",
  path: "/availability/rules",
  summary: "Replace my weekly hours",
  tag: "Practice",
  access: ["doctor"],
  body: rulesBody,
  responses: { 200: { description: "The availability after the change.", schema: availabilitySchema } },
});

export const createOverride = operation({
  id: "createAvailabilityOverride",
  method: "post",
  path: "/availability/overrides",
  summary: "Set one date's hours (closed or custom), replacing any override of that date",
  tag: "Practice",
  access: ["doctor"],
  body: overrideBody,
  responses: { 201: { description: "The availability after the change.", schema: availabilitySchema } },
});

export const deleteOverride = operation({
  id: "deleteAvailabilityOverride",
  method: "delete",
  path: "/availability/overrides/{id}",
  summary: "Remove a date override",
  tag: "Practice",
  access: ["doctor"],
  params: idParams("override"),
  responses: { 204: { description: "Removed." } },
});

export const listPatients = operation({
  id: "listPatients",
  method: "get",
  path: "/patients",
  summary: "Patients in my care",
  tag: "Practice",
  access: ["doctor"],
  query: pagingQuery().extend({ q: z.string().max(100).optional().meta({ description: "Part of a name or email." }) }),
  responses: { 200: { description: "One page, most recent visit first.", schema: pageOf(patientSummarySchema, "PatientPage") } },
});

export const getPatient = operation({
  id: "getPatient",
  method: "get",
  path: "/patients/{id}",
  summary: "A patient in my care, with their history with me",
  tag: "Practice",
  access: ["doctor"],
  params: idParams("patient"),
  responses: { 200: { description: "The patient.", schema: patientDetailSchema } },
});

export const practiceOperations = [getSchedule, getAvailability, replaceRules, createOverride, deleteOverride, listPatients, getPatient];
