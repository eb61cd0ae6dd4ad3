import "server-only";
import { and, asc, count, desc, eq, gte, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { appointments, reviewReports, reviews, users } from "../schema";
import { doctorUser, patientUser } from "./parties";
import { offsetOf, type PageRequest } from "./paging";

export type Review = typeof reviews.$inferSelect;

/** The appointment a review is about, locked so its status cannot change under the check. */
export async function lockAppointmentForReview(tx: Db, appointmentId: string) {
  const [row] = await tx
    .select({
      id: appointments.id,
      patientId: appointments.patientId,
      doctorId: appointments.doctorId,
      status: appointments.status,
      startsAt: appointments.startsAt,
    })
    .from(appointments)
    .where(eq(appointments.id, appointmentId))
    .for("share");
  return row;
}

export async function insertReview(
  tx: Db,
  values: { appointmentId: string; doctorId: string; patientId: string; rating: number; body: string; createdAt: Date },
): Promise<Review> {
  const [row] = await tx
    .insert(reviews)
    .values({ ...values, updatedAt: values.createdAt })
    .returning();
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
  const [row] = await tx
    .insert(reviewReports)
    .values({ ...input, updatedAt: input.createdAt })
    .onConflictDoNothing()
    .returning({ id: reviewReports.id });
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

// ---------------------------------------------------------------- moderation

const reporter = alias(users, "reporter");

export type ModerationView = "reported" | "recent" | "hidden";

const openReports =
  sql<number>`(select count(*) from ${reviewReports} where ${reviewReports.reviewId} = ${reviews.id} and ${reviewReports.resolvedAt} is null)`.mapWith(Number);

function moderationWhere(view: ModerationView, now: Date): SQL {
  if (view === "reported") return sql`${openReports} > 0`;
  if (view === "hidden") return eq(reviews.status, "hidden");
  return gte(reviews.createdAt, new Date(now.getTime() - 30 * 86_400_000));
}

/**
 * The moderation queue: reviews with open reports (most reported first), the
 * last 30 days' reviews, or the hidden ones. Each row carries its doctor's
 * public average, which counts visible reviews only.
 */
export async function listReviewsForModeration(db: Db, view: ModerationView, now: Date, paging: PageRequest = { page: 1, pageSize: 20 }) {
  const where = moderationWhere(view, now);
  const rows = await db
    .select({
      id: reviews.id,
      rating: reviews.rating,
      body: reviews.body,
      status: reviews.status,
      moderationReason: reviews.moderationReason,
      doctorReply: reviews.doctorReply,
      createdAt: reviews.createdAt,
      doctorId: reviews.doctorId,
      doctorName: doctorUser.fullName,
      patientName: patientUser.fullName,
      openReports,
      doctorAverage: sql<
        string | null
      >`(select round(avg(v.rating)::numeric, 2) from reviews v where v.doctor_id = ${reviews.doctorId} and v.status = 'visible')`,
      doctorVisibleCount: sql<number>`(select count(*) from reviews v where v.doctor_id = ${reviews.doctorId} and v.status = 'visible')`.mapWith(Number),
    })
    .from(reviews)
    .innerJoin(doctorUser, eq(doctorUser.id, reviews.doctorId))
    .innerJoin(patientUser, eq(patientUser.id, reviews.patientId))
    .where(where)
    .orderBy(...(view === "reported" ? [desc(openReports), desc(reviews.createdAt)] : [desc(reviews.createdAt)]), asc(reviews.id))
    .limit(paging.pageSize)
    .offset(offsetOf(paging));
  const reports = rows.length
    ? await db
        .select({
          id: reviewReports.id,
          reviewId: reviewReports.reviewId,
          reason: reviewReports.reason,
          reporterName: reporter.fullName,
          reporterRole: reporter.role,
          createdAt: reviewReports.createdAt,
        })
        .from(reviewReports)
        .innerJoin(reporter, eq(reporter.id, reviewReports.reporterId))
        .where(
          and(
            inArray(
              reviewReports.reviewId,
              rows.map((r) => r.id),
            ),
            isNull(reviewReports.resolvedAt),
          ),
        )
        .orderBy(asc(reviewReports.createdAt))
    : [];
  return rows.map((row) => ({
    ...row,
    doctorAverage: row.doctorAverage === null ? null : Number(row.doctorAverage),
    reports: reports.filter((report) => report.reviewId === row.id),
  }));
}

/** How many reviews a moderation queue holds in all, for its pagination. */
export async function countReviewsForModeration(db: Db, view: ModerationView, now: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(reviews).where(moderationWhere(view, now));
  return row.n;
}

export async function countOpenReportedReviews(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${reviewReports.reviewId})`.mapWith(Number) })
    .from(reviewReports)
    .where(isNull(reviewReports.resolvedAt));
  return row.n;
}

export async function setReviewStatus(db: Db, reviewId: string, values: { status: "visible" | "hidden"; moderationReason: string }) {
  const [row] = await db.update(reviews).set(values).where(eq(reviews.id, reviewId)).returning();
  return row;
}

/** Marks every open report of a review resolved; returns how many were open. */
export async function resolveOpenReports(db: Db, reviewId: string, at: Date): Promise<number> {
  const rows = await db
    .update(reviewReports)
    .set({ resolvedAt: at })
    .where(and(eq(reviewReports.reviewId, reviewId), isNull(reviewReports.resolvedAt)))
    .returning({ id: reviewReports.id });
  return rows.length;
}

/** A doctor's public rating: visible reviews only. */
export async function getVisibleRating(db: Db, doctorId: string) {
  const [row] = await db
    .select({ average: sql<string | null>`round(avg(${reviews.rating})::numeric, 2)`, count: sql<number>`count(*)`.mapWith(Number) })
    .from(reviews)
    .where(and(eq(reviews.doctorId, doctorId), eq(reviews.status, "visible")));
  return { average: row.average === null ? null : Number(row.average), count: row.count };
}

/** A patient's own reviews, newest first, for the REST API (lib/api). */
export function listReviewsByPatient(db: Db, patientId: string, slice: { limit: number; offset: number }) {
  return db
    .select()
    .from(reviews)
    .where(eq(reviews.patientId, patientId))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(slice.limit)
    .offset(slice.offset);
}
