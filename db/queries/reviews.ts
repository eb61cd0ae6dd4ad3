import "server-only";
import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { appointments, reviewReports, reviews, users } from "../schema";

export type Review = typeof reviews.$inferSelect;

/** The appointment a review is about, locked so its status cannot change under the check. */
export async function lockAppointmentForReview(tx: Db, appointmentId: string) {
  const [row] = await tx
    .select({ id: appointments.id, patientId: appointments.patientId, doctorId: appointments.doctorId, status: appointments.status, startsAt: appointments.startsAt })
    .from(appointments)
    .where(eq(appointments.id, appointmentId))
    .for("share");
  return row;
}

export async function insertReview(tx: Db, values: { appointmentId: string; doctorId: string; patientId: string; rating: number; body: string; createdAt: Date }): Promise<Review> {
  const [row] = await tx.insert(reviews).values({ ...values, updatedAt: values.createdAt }).returning();
  return row!;
}

export async function lockReview(tx: Db, reviewId: string): Promise<Review | undefined> {
  const [row] = await tx.select().from(reviews).where(eq(reviews.id, reviewId)).for("update");
  return row;
}

export async function getReviewForAppointment(db: Db, appointmentId: string): Promise<Review | undefined> {
  const [row] = await db.select().from(reviews).where(eq(reviews.appointmentId, appointmentId));
  return row;
}

export async function updateReviewContent(tx: Db, input: { id: string; rating: number; body: string; at: Date }): Promise<Review> {
  const [row] = await tx.update(reviews).set({ rating: input.rating, body: input.body, editedAt: input.at }).where(eq(reviews.id, input.id)).returning();
  return row!;
}

export async function deleteReviewRow(tx: Db, reviewId: string): Promise<void> {
  await tx.delete(reviews).where(eq(reviews.id, reviewId));
}

/** Compare-and-set: only a review without a reply gets one, so two tabs cannot both reply. */
export async function setDoctorReply(tx: Db, input: { id: string; doctorId: string; reply: string; at: Date }): Promise<Review | undefined> {
  const [row] = await tx
    .update(reviews)
    .set({ doctorReply: input.reply, doctorRepliedAt: input.at })
    .where(and(eq(reviews.id, input.id), eq(reviews.doctorId, input.doctorId), isNull(reviews.doctorReply)))
    .returning();
  return row;
}

/** Null when this person already reported this review (one report each). */
export async function insertReviewReport(tx: Db, input: { reviewId: string; reporterId: string; reason: string; createdAt: Date }) {
  // updatedAt follows createdAt: the moderation queue sorts by when the report was made.
  const [row] = await tx.insert(reviewReports).values({ ...input, updatedAt: input.createdAt }).onConflictDoNothing().returning({ id: reviewReports.id });
  return row ?? null;
}

export interface RatingSummary {
  average: number | null;
  count: number;
  /** Visible reviews per star, index 0 = 1 star … index 4 = 5 stars. */
  distribution: [number, number, number, number, number];
}

/** Average, count and distribution of a doctor's visible reviews, computed by query (exact at any moment). */
export async function getRatingSummary(db: Db, doctorId: string): Promise<RatingSummary> {
  const rows = await db
    .select({ rating: reviews.rating, count: count() })
    .from(reviews)
    .where(and(eq(reviews.doctorId, doctorId), eq(reviews.status, "visible")))
    .groupBy(reviews.rating);
  const distribution: RatingSummary["distribution"] = [0, 0, 0, 0, 0];
  let total = 0;
  let sum = 0;
  for (const row of rows) {
    distribution[row.rating - 1] = row.count;
    total += row.count;
    sum += row.rating * row.count;
  }
  return { average: total > 0 ? sum / total : null, count: total, distribution };
}

// Public pages name a reviewer by first name and initial only.
const reviewerName = sql<string>`split_part(${users.fullName}, ' ', 1) || coalesce(' ' || left(nullif(split_part(${users.fullName}, ' ', 2), ''), 1) || '.', '')`;

/** Visible reviews, newest first, for the public doctor page. */
export function listVisibleReviews(db: Db, doctorId: string, page: { limit: number; offset: number }) {
  return db
    .select({
      id: reviews.id,
      rating: reviews.rating,
      body: reviews.body,
      createdAt: reviews.createdAt,
      editedAt: reviews.editedAt,
      doctorReply: reviews.doctorReply,
      doctorRepliedAt: reviews.doctorRepliedAt,
      patientId: reviews.patientId,
      reviewerName,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.patientId))
    .where(and(eq(reviews.doctorId, doctorId), eq(reviews.status, "visible")))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(page.limit)
    .offset(page.offset);
}

/** Every review of a doctor, hidden ones included (the doctor is told which), newest first. */
export function listReviewsOfDoctor(db: Db, doctorId: string, page: { limit: number; offset: number }) {
  return db
    .select({
      id: reviews.id,
      rating: reviews.rating,
      body: reviews.body,
      status: reviews.status,
      createdAt: reviews.createdAt,
      doctorReply: reviews.doctorReply,
      doctorRepliedAt: reviews.doctorRepliedAt,
      reviewerName,
      appointmentStartsAt: appointments.startsAt,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.patientId))
    .innerJoin(appointments, eq(appointments.id, reviews.appointmentId))
    .where(eq(reviews.doctorId, doctorId))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countReviewsOfDoctor(db: Db, doctorId: string): Promise<{ all: number; awaitingReply: number }> {
  const [row] = await db
    .select({ all: count(), awaitingReply: sql<number>`count(*) filter (where ${reviews.doctorReply} is null)`.mapWith(Number) })
    .from(reviews)
    .where(eq(reviews.doctorId, doctorId));
  return { all: row?.all ?? 0, awaitingReply: row?.awaitingReply ?? 0 };
}

/** Review ids this user already reported, to show "Reported" instead of the control. */
export async function listReportedReviewIds(db: Db, reporterId: string, reviewIds: string[]): Promise<Set<string>> {
  if (reviewIds.length === 0) return new Set();
  const rows = await db
    .select({ reviewId: reviewReports.reviewId })
    .from(reviewReports)
    .where(and(eq(reviewReports.reporterId, reporterId), inArray(reviewReports.reviewId, reviewIds)));
  return new Set(rows.map((row) => row.reviewId));
}
