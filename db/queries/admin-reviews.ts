import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { reviewReports, reviews, users } from "../schema";

const doctorUser = alias(users, "doctor_user");
const patientUser = alias(users, "patient_user");
const reporter = alias(users, "reporter");

export type ModerationView = "reported" | "recent" | "hidden";

const openReports = sql<number>`(select count(*) from ${reviewReports} where ${reviewReports.reviewId} = ${reviews.id} and ${reviewReports.resolvedAt} is null)`.mapWith(Number);

/**
 * The moderation queue: reviews with open reports (most reported first), the
 * last 30 days' reviews, or the hidden ones. Each row carries its doctor's
 * public average, which counts visible reviews only.
 */
export async function listReviewsForModeration(db: Db, view: ModerationView, now: Date) {
  const where: SQL | undefined =
    view === "reported" ? sql`${openReports} > 0` : view === "hidden" ? eq(reviews.status, "hidden") : gte(reviews.createdAt, new Date(now.getTime() - 30 * 86_400_000));
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
      doctorAverage: sql<string | null>`(select round(avg(v.rating)::numeric, 2) from reviews v where v.doctor_id = ${reviews.doctorId} and v.status = 'visible')`,
      doctorVisibleCount: sql<number>`(select count(*) from reviews v where v.doctor_id = ${reviews.doctorId} and v.status = 'visible')`.mapWith(Number),
    })
    .from(reviews)
    .innerJoin(doctorUser, eq(doctorUser.id, reviews.doctorId))
    .innerJoin(patientUser, eq(patientUser.id, reviews.patientId))
    .where(where)
    .orderBy(...(view === "reported" ? [desc(openReports), desc(reviews.createdAt)] : [desc(reviews.createdAt)]))
    .limit(100);
  const reports = rows.length
    ? await db
        .select({ id: reviewReports.id, reviewId: reviewReports.reviewId, reason: reviewReports.reason, reporterName: reporter.fullName, reporterRole: reporter.role, createdAt: reviewReports.createdAt })
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
  return rows.map((row) => ({ ...row, doctorAverage: row.doctorAverage === null ? null : Number(row.doctorAverage), reports: reports.filter((report) => report.reviewId === row.id) }));
}

export async function countOpenReportedReviews(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(distinct ${reviewReports.reviewId})`.mapWith(Number) }).from(reviewReports).where(isNull(reviewReports.resolvedAt));
  return row.n;
}

export async function lockReview(db: Db, reviewId: string) {
  const [row] = await db.select().from(reviews).where(eq(reviews.id, reviewId)).for("update");
  return row;
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
