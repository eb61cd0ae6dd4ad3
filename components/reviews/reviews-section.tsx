import Link from "next/link";
import type { RatingSummary as Summary } from "@/lib/vocabulary";
import { RatingSummary } from "./rating-summary";
import { ReviewList, type PublicReview } from "./review-list";

interface ReviewsSectionProps {
  summary: Summary;
  reviews: PublicReview[];
  reported: Set<string>;
  page: number;
  pages: number;
  doctor: { id: string; fullName: string };
  viewer: { id: string } | null;
  timeZone: string;
  basePath: string;
}

/** The doctor page's reviews: summary, one page of reviews, and links to newer and older ones. */
export function ReviewsSection({ summary, reviews, reported, page, pages, doctor, viewer, timeZone, basePath }: ReviewsSectionProps) {
  return (
    <section id="reviews" aria-labelledby="reviews-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="reviews-heading" className="mb-4 text-lg font-semibold text-slate-900">
        Patient reviews
      </h2>
      <RatingSummary summary={summary} />
      {reviews.length > 0 ? (
        <div className="mt-6">
          <ReviewList
            reviews={reviews}
            doctorName={doctor.fullName}
            viewer={viewer}
            reported={reported}
            timeZone={timeZone}
            loginHref={`/login?next=${encodeURIComponent(`${basePath}#reviews`)}`}
          />
        </div>
      ) : summary.count > 0 ? (
        <p className="mt-6 text-slate-700">No reviews on this page.</p>
      ) : null}
      {pages > 1 ? (
        <nav aria-label="Review pages" className="mt-4 flex items-center justify-between gap-2 text-sm">
          {page > 1 ? (
            <Link href={`${basePath}?reviews=${Math.min(page - 1, pages)}#reviews`} className="font-medium text-brand-700 underline">
              Newer reviews
            </Link>
          ) : (
            <span />
          )}
          <span className="text-slate-600">
            Page {Math.min(page, pages)} of {pages}
          </span>
          {page < pages ? (
            <Link href={`${basePath}?reviews=${page + 1}#reviews`} className="font-medium text-brand-700 underline">
              Older reviews
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}
