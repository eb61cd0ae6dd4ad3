import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import {
  deleteReviewRow,
  insertReview,
  insertReviewReport,
  lockAppointmentForReview,
  lockReview,
  setDoctorReply,
  updateReviewContent,
  type Review,
} from "@/db/queries/reviews";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { AppError, constraintName, sqlState } from "@/lib/errors";
import type { Role } from "@/lib/vocabulary";
import { reviewChangeAllowed } from "./rules";
import type { ReviewInput } from "./schemas";

// Only patients who were actually seen may review: the appointment must be
// theirs and marked completed by the doctor. One review per appointment is
// the database's rule (reviews_appointment_id_key), so two tabs submitting at
// once end with one review and a clear message, never two. Averages are never
// stored (see db/queries/reviews.ts getRatingSummary), so nothing here has to
// keep a counter in step.

const NOT_FOUND_APPOINTMENT = "We could not find that appointment.";
const NOT_FOUND_REVIEW = "We could not find that review.";

function snapshot(review: Review) {
  return { rating: review.rating, body: review.body, status: review.status, appointmentId: review.appointmentId, doctorId: review.doctorId };
}

export async function createReview(db: Db, input: { patientId: string; appointmentId: string } & ReviewInput, now: Date): Promise<Review> {
  try {
    return await db.transaction(async (tx) => {
      const appointment = await lockAppointmentForReview(tx, input.appointmentId);
      // Someone else's appointment reads exactly like a missing one: ids cannot be probed.
      if (!appointment || appointment.patientId !== input.patientId) throw new AppError("not_found", NOT_FOUND_APPOINTMENT);
      if (appointment.status !== "completed") throw new AppError("conflict", "You can review a visit once your doctor has marked it completed.");
      // Written at `now`, the clock the 30-day window is measured on.
      const review = await insertReview(tx, {
        appointmentId: appointment.id,
        doctorId: appointment.doctorId,
        patientId: input.patientId,
        rating: input.rating,
        body: input.body,
        createdAt: now,
      });
      await insertAuditEntry(tx, {
        actorId: input.patientId,
        actorRole: "patient",
        action: "review.created",
        entityType: "review",
        entityId: review.id,
        after: snapshot(review),
      });
      return review;
    });
  } catch (error) {
    if (sqlState(error) === "23505" && constraintName(error) === "reviews_appointment_id_key") {
      throw new AppError("conflict", "You have already reviewed this visit. You can change your review instead.");
    }
    throw error;
  }
}

async function lockOwnReview(tx: Db, reviewId: string, patientId: string, now: Date): Promise<Review> {
  const review = await lockReview(tx, reviewId);
  if (!review || review.patientId !== patientId) throw new AppError("not_found", NOT_FOUND_REVIEW);
  const rule = reviewChangeAllowed(review.createdAt, now);
  if (!rule.allowed) throw new AppError("conflict", rule.reason);
  return review;
}

/** Changes stars and text; a review hidden by moderators stays hidden. */
export async function updateReview(db: Db, input: { patientId: string; reviewId: string } & ReviewInput, now: Date): Promise<Review> {
  return db.transaction(async (tx) => {
    const before = await lockOwnReview(tx, input.reviewId, input.patientId, now);
    const after = await updateReviewContent(tx, { id: before.id, rating: input.rating, body: input.body, at: now });
    await insertAuditEntry(tx, {
      actorId: input.patientId,
      actorRole: "patient",
      action: "review.updated",
      entityType: "review",
      entityId: before.id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  });
}

export async function deleteReview(db: Db, input: { patientId: string; reviewId: string }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockOwnReview(tx, input.reviewId, input.patientId, now);
    await deleteReviewRow(tx, before.id);
    await insertAuditEntry(tx, {
      actorId: input.patientId,
      actorRole: "patient",
      action: "review.deleted",
      entityType: "review",
      entityId: before.id,
      before: snapshot(before),
    });
  });
}

/** The doctor answers a review of themselves, once. */
export async function replyToReview(db: Db, input: { doctorId: string; reviewId: string; reply: string }, now: Date): Promise<Review> {
  return db.transaction(async (tx) => {
    const review = await lockReview(tx, input.reviewId);
    if (!review || review.doctorId !== input.doctorId) throw new AppError("not_found", NOT_FOUND_REVIEW);
    if (review.doctorReply !== null) throw new AppError("conflict", "You have already replied to this review; a reply cannot be changed.");
    const replied = await setDoctorReply(tx, { id: review.id, doctorId: input.doctorId, reply: input.reply, at: now });
    if (!replied) throw new AppError("conflict", "You have already replied to this review; a reply cannot be changed.");
    await insertAuditEntry(tx, {
      actorId: input.doctorId,
      actorRole: "doctor",
      action: "review.replied",
      entityType: "review",
      entityId: review.id,
      after: { reply: input.reply },
    });
    await enqueueOutboxEvent(tx, "review/replied", { reviewId: review.id, patientId: review.patientId, doctorId: review.doctorId });
    return replied;
  });
}

/** Flags a visible review for the moderators' queue; one report per person and review. */
export async function reportReview(db: Db, input: { reporterId: string; reporterRole: Role; reviewId: string; reason: string }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const review = await lockReview(tx, input.reviewId);
    if (!review || review.status !== "visible") throw new AppError("not_found", NOT_FOUND_REVIEW);
    if (review.patientId === input.reporterId) throw new AppError("forbidden", "You cannot report your own review; you can change or delete it instead.");
    const report = await insertReviewReport(tx, { reviewId: review.id, reporterId: input.reporterId, reason: input.reason, createdAt: now });
    if (!report) throw new AppError("conflict", "You have already reported this review. Thank you: a moderator will look at it.");
    await insertAuditEntry(tx, {
      actorId: input.reporterId,
      actorRole: input.reporterRole,
      action: "review.reported",
      entityType: "review",
      entityId: review.id,
      after: { reason: input.reason },
    });
  });
}
