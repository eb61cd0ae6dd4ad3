import "server-only";
import { cache } from "react";
import type { Db } from "@/db/client";
import { getWeeklyRules } from "@/db/queries/availability";
import { getBookableDoctor } from "@/db/queries/profiles";
import { getRatingSummary, listReportedReviewIds, listVisibleReviews } from "@/db/queries/reviews";
import { getReadDb } from "@/lib/db";

export const REVIEWS_PER_PAGE = 10;

/** ?reviews=N from the URL; anything odd is page 1 (never an error). */
function pageNumber(raw: string | number | undefined): number {
  const page = typeof raw === "number" ? raw : Number(raw ?? "1");
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}

/**
 * The doctor's row (profile, booking settings, the public page's facts), read
 * once per request: React's cache lets the page's metadata, the page and its
 * booking panel share one read. Outside a request (tests, scripts) it just reads.
 */
export const getDoctorForRequest = cache((doctorId: string) => getBookableDoctor(getReadDb(), doctorId));

/**
 * Everything the public doctor page shows besides the doctor's row and the
 * booking panel, in parallel: weekly hours (read from availability, never a
 * second copy), the rating summary and one page of visible reviews, newest first.
 * Which reviews the viewer reported is their own write: read from `viewerDb` (the
 * primary) when `db` is a replica.
 */
export async function loadDoctorPublicData(db: Db, doctorId: string, options: { reviewPage?: string | number; viewerId?: string; viewerDb?: Db }) {
  const reviewPage = pageNumber(options.reviewPage);
  const [hours, summary, reviews] = await Promise.all([
    getWeeklyRules(db, doctorId),
    getRatingSummary(db, doctorId),
    listVisibleReviews(db, doctorId, { limit: REVIEWS_PER_PAGE, offset: (reviewPage - 1) * REVIEWS_PER_PAGE }),
  ]);
  const reported = options.viewerId
    ? await listReportedReviewIds(
        options.viewerDb ?? db,
        options.viewerId,
        reviews.map((review) => review.id),
      )
    : new Set<string>();
  const reviewPages = Math.max(1, Math.ceil(summary.count / REVIEWS_PER_PAGE));
  return { hours, summary, reviews, reported, reviewPage, reviewPages };
}
