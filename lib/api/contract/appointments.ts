import { z } from "zod";
import { appointmentStatus } from "@/db/schema/enums";
import { bookSchema, cancelSchema, outcomeSchema, rescheduleSchema } from "@/lib/booking/schemas";
import { reviewSchema } from "@/lib/reviews/schemas";
import { operation } from "../operation";
import { pageOf, pagingQuery } from "../paging";
import { idParams, instantOut, moneySchema } from "./schemas";

// Appointments: one resource for the three roles, each seeing its own rows (an
// admin every row). Another user's appointment is a 404, never a 403.

const statusEnum = z.enum(appointmentStatus.enumValues);
const party = z.object({ id: z.uuid(), full_name: z.string() });

export const appointmentSchema = z
  .object({
    id: z.uuid(),
    status: statusEnum,
    starts_at: instantOut,
    ends_at: instantOut,
    doctor: party,
    patient: party,
    doctor_time_zone: z.string(),
    reason: z.string(),
    price: moneySchema,
    cancellation_reason: z.string().nullable(),
    rescheduled_from_id: z.uuid().nullable(),
    rescheduled_to_id: z.uuid().nullable().meta({ description: "Set on a cancelled row that was moved: the appointment it became." }),
  })
  .meta({ id: "Appointment" });

const listQuery = pagingQuery().extend({
  status: z
    .union([statusEnum, z.array(statusEnum)])
    .optional()
    .transform((value) => (value === undefined ? undefined : [value].flat()))
    .meta({ description: "Only these statuses (repeat the parameter for several)." }),
  from: z.iso.datetime({ offset: true, error: "from must be an ISO 8601 instant with an offset." }).optional().meta({ description: "Starting at or after." }),
  to: z.iso.datetime({ offset: true, error: "to must be an ISO 8601 instant with an offset." }).optional().meta({ description: "Starting before." }),
});

/** The booking form's own fields, by the API's names. */
export const bookBodySchema = z
  .object({ doctor_id: bookSchema.shape.doctorId, starts_at: bookSchema.shape.startsAt, reason: bookSchema.shape.reason })
  .meta({ id: "BookAppointment" });

const cancelBody = z.object({ reason: cancelSchema.shape.reason }).meta({ id: "CancelAppointment" });
const rescheduleBody = z.object({ starts_at: rescheduleSchema.shape.startsAt }).meta({ id: "RescheduleAppointment" });
const statusBody = z.object({ status: outcomeSchema.shape.outcome }).meta({ id: "AppointmentOutcome" });

export const reviewOutSchema = z
  .object({
    id: z.uuid(),
    appointment_id: z.uuid(),
    doctor_id: z.uuid(),
    rating: z.int().min(1).max(5),
    body: z.string(),
    status: z.string(),
    doctor_reply: z.string().nullable(),
    created_at: instantOut,
  })
  .meta({ id: "Review" });

const reviewBody = z.object({ rating: reviewSchema.shape.rating, body: reviewSchema.shape.body }).meta({ id: "WriteReview" });

const one = { description: "The appointment.", schema: appointmentSchema };

export const listAppointments = operation({
  id: "listAppointments",
  method: "get",
  path: "/appointments",
  summary: "List appointments: a patient's or a doctor's own, or all (admin)",
  tag: "Appointments",
  access: "signed-in",
  query: listQuery,
  responses: { 200: { description: "One page, soonest first.", schema: pageOf(appointmentSchema, "AppointmentPage") } },
});

export const bookAppointment = operation({
  id: "bookAppointment",
  method: "post",
  path: "/appointments",
  summary: "Book a slot",
  description: "Exactly one of several concurrent bookings of one slot succeeds; the others get 409 slot_taken.",
  tag: "Appointments",
  access: ["patient"],
  body: bookBodySchema,
  idempotent: true,
  limit: "booking",
  responses: {
    201: { ...one, description: "Booked.", headers: { Location: { description: "The appointment's URL.", schema: { type: "string" } } } },
    409: {
      description:
        "The slot was just taken (slot_taken), the booking conflicts with a rule (conflict), or a request with the same Idempotency-Key is still being booked (conflict: retry it).",
    },
  },
});

export const getAppointment = operation({
  id: "getAppointment",
  method: "get",
  path: "/appointments/{id}",
  summary: "One appointment",
  tag: "Appointments",
  access: "signed-in",
  params: idParams("appointment"),
  responses: { 200: one },
});

export const cancelAppointment = operation({
  id: "cancelAppointment",
  method: "post",
  path: "/appointments/{id}/cancel",
  summary: "Cancel an appointment",
  tag: "Appointments",
  access: "signed-in",
  params: idParams("appointment"),
  body: cancelBody,
  responses: { 200: { ...one, description: "Cancelled." }, 409: { description: "Not cancellable now." } },
});

export const rescheduleAppointment = operation({
  id: "rescheduleAppointment",
  method: "post",
  path: "/appointments/{id}/reschedule",
  summary: "Move an appointment to another free slot",
  description: "The old appointment is cancelled and a new one made in one transaction; if the new slot is taken, nothing changes.",
  tag: "Appointments",
  access: "signed-in",
  params: idParams("appointment"),
  body: rescheduleBody,
  limit: "booking",
  responses: { 201: { ...one, description: "The new appointment." }, 409: { description: "The slot was taken, or the appointment cannot move now." } },
});

export const setAppointmentStatus = operation({
  id: "setAppointmentStatus",
  method: "post",
  path: "/appointments/{id}/status",
  summary: "Record a visit's outcome: completed or no_show",
  tag: "Appointments",
  access: ["doctor"],
  params: idParams("appointment"),
  body: statusBody,
  responses: { 200: one, 409: { description: "Not possible for this appointment now." } },
});

export const reviewAppointment = operation({
  id: "reviewAppointment",
  method: "post",
  path: "/appointments/{id}/review",
  summary: "Review a completed visit",
  tag: "Appointments",
  access: ["patient"],
  params: idParams("appointment"),
  body: reviewBody,
  responses: { 201: { description: "The review.", schema: reviewOutSchema }, 409: { description: "Not reviewable (not completed, or already reviewed)." } },
});

export const listMyReviews = operation({
  id: "listMyReviews",
  method: "get",
  path: "/me/reviews",
  summary: "My reviews of my completed visits",
  tag: "Me",
  access: ["patient"],
  query: pagingQuery(),
  responses: { 200: { description: "One page, newest first.", schema: pageOf(reviewOutSchema, "ReviewPage") } },
});

export const appointmentOperations = [
  listAppointments,
  bookAppointment,
  getAppointment,
  cancelAppointment,
  rescheduleAppointment,
  setAppointmentStatus,
  reviewAppointment,
  listMyReviews,
];
