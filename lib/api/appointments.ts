import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from "@/db/queries/api-tokens";
import { getAppointmentDetail, listAppointmentsSlice, type AppointmentListItem } from "@/db/queries/appointments";
import type { Review } from "@/db/queries/reviews";
import { bookAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import type { AppointmentStatus } from "@/lib/vocabulary";
import type { ApiCaller } from "./authenticate";
import type { Paging } from "./paging";
import { pageFromRows } from "./paging";

// The appointment endpoints over lib/booking: views, the role's own rows, and
// the booking's Idempotency-Key.

export function appointmentView(row: AppointmentListItem) {
  return {
    id: row.id,
    status: row.status,
    starts_at: row.startsAt.toISOString(),
    ends_at: row.endsAt.toISOString(),
    doctor: { id: row.doctorId, full_name: row.doctorName },
    patient: { id: row.patientId, full_name: row.patientName },
    doctor_time_zone: row.doctorTimeZone,
    reason: row.reason,
    price: { amount_minor: row.priceMinor, currency: row.currency },
    cancellation_reason: row.cancellationReason,
    rescheduled_from_id: row.rescheduledFromId,
    rescheduled_to_id: row.movedToId,
  };
}

export function reviewView(review: Review) {
  return {
    id: review.id,
    appointment_id: review.appointmentId,
    doctor_id: review.doctorId,
    rating: review.rating,
    body: review.body,
    status: review.status,
    doctor_reply: review.doctorReply,
    created_at: review.createdAt.toISOString(),
  };
}

/** Whose rows a caller sees: a patient's or a doctor's own, an admin's every row. */
export function ownScope(caller: ApiCaller): { patientId?: string; doctorId?: string } {
  if (caller.role === "patient") return { patientId: caller.id };
  if (caller.role === "doctor") return { doctorId: caller.id };
  return {};
}

export async function listAppointmentsPage(db: Db, caller: ApiCaller, query: Paging & { status?: AppointmentStatus[]; from?: string; to?: string }) {
  const rows = await listAppointmentsSlice(
    db,
    { ...ownScope(caller), statuses: query.status, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined },
    { limit: query.limit + 1, offset: query.cursor },
  );
  return pageFromRows(rows, query, appointmentView);
}

/** One appointment the caller may see; anyone else's is a 404 like a missing one. */
export async function visibleAppointment(db: Db, caller: ApiCaller, appointmentId: string) {
  const row = await getAppointmentDetail(db, appointmentId);
  const visible =
    row && (caller.role === "admin" || (caller.role === "patient" && row.patientId === caller.id) || (caller.role === "doctor" && row.doctorId === caller.id));
  if (!visible) throw new AppError("not_found", "We could not find that appointment.");
  return appointmentView(row);
}

export type BookBody = { doctor_id: string; starts_at: Date; reason: string };

/**
 * Books once per Idempotency-Key: the first request with a key books, a repeat
 * with the same body answers the same appointment, one with another body is
 * refused. A key whose first request failed is given back.
 */
export async function bookOnce(db: Db, caller: ApiCaller, body: BookBody, idempotencyKey: string | null, now: Date) {
  const book = () => bookAppointment(db, { patientId: caller.id, doctorId: body.doctor_id, startsAt: body.starts_at, reason: body.reason }, now);
  if (idempotencyKey === null) return { appointmentId: (await book()).id, replayed: false };
  if (idempotencyKey.length === 0 || idempotencyKey.length > 200)
    throw new AppError("invalid_input", "The Idempotency-Key header must be 1 to 200 characters.", { "Idempotency-Key": ["1 to 200 characters."] });
  const requestHash = createHash("sha256")
    .update(JSON.stringify([body.doctor_id, body.starts_at.toISOString(), body.reason]))
    .digest("base64url");
  const ref = { userId: caller.id, key: idempotencyKey };
  const claim = await claimIdempotencyKey(db, { ...ref, requestHash });
  if (!claim.claimed) {
    if (claim.existing?.requestHash !== requestHash)
      throw new AppError("invalid_input", "This Idempotency-Key was used with a different request.", {
        "Idempotency-Key": ["Already used with another body."],
      });
    if (!claim.existing.appointmentId) throw new AppError("conflict", "A request with this Idempotency-Key is still being processed. Try again shortly.");
    return { appointmentId: claim.existing.appointmentId, replayed: true };
  }
  try {
    const appointment = await book();
    await completeIdempotencyKey(db, { ...ref, appointmentId: appointment.id });
    return { appointmentId: appointment.id, replayed: false };
  } catch (error) {
    await releaseIdempotencyKey(db, ref);
    throw error;
  }
}
