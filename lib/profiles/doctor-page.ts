import "server-only";
import type { Db } from "@/db/client";
import { getWeeklyRules } from "@/db/queries/availability";
import { getPublicDoctorDetails } from "@/db/queries/profiles";
import { getRatingSummary, listReportedReviewIds, listVisibleReviews } from "@/db/queries/reviews";

export const REVIEWS_PER_PAGE = 10;

/** ?reviews=N from the URL; anything odd is page 1 (never an error). */
function pageNumber(raw: string | number | undefined): number {
  const page = typeof raw === "number" ? raw : Number(raw ?? "1");
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

/**
 * Everything the public doctor page shows besides the booking panel, in
 * parallel: profile extras, weekly hours (read from availability, never a
 * second copy), the rating summary and one page of visible reviews, newest first.
 */
export async function loadDoctorPublicData(db: Db, doctorId: string, options: { reviewPage?: string | number; viewerId?: string }) {
  const reviewPage = pageNumber(options.reviewPage);
  const [details, hours, summary, reviews] = await Promise.all([
    getPublicDoctorDetails(db, doctorId),
    getWeeklyRules(db, doctorId),
    getRatingSummary(db, doctorId),
    listVisibleReviews(db, doctorId, { limit: REVIEWS_PER_PAGE, offset: (reviewPage - 1) * REVIEWS_PER_PAGE }),
  ]);
  const reported = options.viewerId ? await listReportedReviewIds(db, options.viewerId, reviews.map((review) => review.id)) : new Set<string>();
  const reviewPages = Math.max(1, Math.ceil(summary.count / REVIEWS_PER_PAGE));
  return { details, hours, summary, reviews, reported, reviewPage, reviewPages };
}
