import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { appointments } from "./appointments";
import { id, instant, timestamps } from "./columns";
import { users } from "./users";

export const reviewStatus = pgEnum("review_status", ["visible", "hidden"]);

/** One review per completed appointment; hidden ones leave public pages and averages. */
export const reviews = pgTable(
  "reviews",
  {
    id: id(),
    appointmentId: uuid("appointment_id")
      .notNull()
      .references(() => appointments.id, { onDelete: "cascade" }),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rating: smallint("rating").notNull(),
    body: text("body").notNull(),
    status: reviewStatus("status").notNull().default("visible"),
    moderationReason: text("moderation_reason"),
    doctorReply: text("doctor_reply"),
    doctorRepliedAt: instant("doctor_replied_at"),
    /** When the patient last changed stars or text; replies and moderation do not count. */
    editedAt: instant("edited_at"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("reviews_appointment_id_key").on(t.appointmentId),
    index("reviews_doctor_status_created_idx").on(t.doctorId, t.status, t.createdAt),
    // Covers rating averages (search sort/filter, doctor page): an index-only scan per doctor, no heap visits.
    index("reviews_doctor_visible_rating_idx")
      .on(t.doctorId, t.rating)
      .where(sql`${t.status} = 'visible'`),
    index("reviews_patient_id_idx").on(t.patientId),
    check("reviews_rating_range", sql`${t.rating} between 1 and 5`),
    check("reviews_body_length", sql`char_length(${t.body}) between 10 and 2000`),
  ],
);

/** Patients and doctors flag a review for the moderation queue. */
export const reviewReports = pgTable(
  "review_reports",
  {
    id: id(),
    reviewId: uuid("review_id")
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    reporterId: uuid("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    resolvedAt: instant("resolved_at"),
    ...timestamps(),
  },
  (t) => [index("review_reports_review_id_idx").on(t.reviewId), uniqueIndex("review_reports_review_reporter_key").on(t.reviewId, t.reporterId)],
);

/**
 * Each doctor's visible reviews summed up, kept by triggers on `reviews`
 * (migration 0024) in the same transaction as each review's insert, edit,
 * moderation or deletion, by adding the change (never recounting, so two
 * reviews committed at once both count). The search sorts and filters 10,000
 * doctors on it instead of averaging ~200,000 reviews per request.
 */
export const doctorRatings = pgTable("doctor_ratings", {
  doctorId: uuid("doctor_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  visibleCount: integer("visible_count").notNull().default(0),
  // No CHECK (>= 0): an upsert's candidate row carries the delta (negative when a review goes), and is checked before ON CONFLICT.
  ratingSum: integer("rating_sum").notNull().default(0),
});
