import "server-only";
import type { Db } from "@/db/client";
import { lockReview, resolveOpenReports, setReviewStatus } from "@/db/queries/reviews";
import { assertAdmin, auditAdmin, requireActiveAdmin, type Actor } from "@/lib/admin/actor";
import { AppError } from "@/lib/errors";

// Moderation never deletes: a hidden review keeps its text for the record and
// can be restored; public pages and averages read visible reviews only. A
// decision settles the review's open reports, in the same transaction as its
// audit row.

async function lockExisting(tx: Db, reviewId: string) {
  const review = await lockReview(tx, reviewId);
  if (!review) throw new AppError("not_found", "That review does not exist.");
  return review;
}

async function setVisibility(db: Db, actor: Actor, data: { reviewId: string; reason: string }, status: "visible" | "hidden", now: Date) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const admin = await requireActiveAdmin(tx, actor);
    const review = await lockExisting(tx, data.reviewId);
    if (review.status === status) throw new AppError("conflict", status === "hidden" ? "This review is already hidden." : "This review is already visible.");
    const updated = await setReviewStatus(tx, review.id, { status, moderationReason: data.reason });
    const reportsResolved = await resolveOpenReports(tx, review.id, now);
    await auditAdmin(tx, admin, {
      action: status === "hidden" ? "review.hidden" : "review.restored",
      entityType: "review",
      entityId: review.id,
      before: { status: review.status, moderationReason: review.moderationReason },
      after: { status: updated.status, moderationReason: updated.moderationReason, reportsResolved },
    });
    return { review: updated, reportsResolved };
  });
}

export function hideReview(db: Db, actor: Actor, input: { reviewId: string; reason: string }, now: Date) {
  return setVisibility(db, actor, input, "hidden", now);
}

export function restoreReview(db: Db, actor: Actor, input: { reviewId: string; reason: string }, now: Date) {
  return setVisibility(db, actor, input, "visible", now);
}

/** Dismisses a review's open reports and leaves the review as it is. */
export async function resolveReviewReports(db: Db, actor: Actor, data: { reviewId: string }, now: Date) {
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const admin = await requireActiveAdmin(tx, actor);
    const review = await lockExisting(tx, data.reviewId);
    const resolved = await resolveOpenReports(tx, review.id, now);
    if (resolved === 0) throw new AppError("conflict", "This review has no open reports.");
    await auditAdmin(tx, admin, {
      action: "review.reports_resolved",
      entityType: "review",
      entityId: review.id,
      before: { openReports: resolved },
      after: { openReports: 0, status: review.status },
    });
    return { resolved };
  });
}
