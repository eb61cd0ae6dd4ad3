import Link from "next/link";
import { formatDate } from "@/lib/format";
import { ReportControl } from "./report-control";
import { Stars } from "./stars";

export interface PublicReview {
  id: string;
  rating: number;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  doctorReply: string | null;
  doctorRepliedAt: Date | null;
  patientId: string;
  reviewerName: string;
}

interface ReviewListProps {
  reviews: PublicReview[];
  doctorName: string;
  viewer: { id: string } | null;
  /** Reviews this viewer already reported. */
  reported: Set<string>;
  timeZone: string;
  loginHref: string;
}

/** Newest first; each with the doctor's reply under it and a way to flag it. */
export function ReviewList({ reviews, doctorName, viewer, reported, timeZone, loginHref }: ReviewListProps) {
  return (
    <ol aria-label="Reviews" className="flex flex-col divide-y divide-slate-100">
      {reviews.map((review) => (
        <li key={review.id} className="py-4 first:pt-0">
          <article aria-label={`Review by ${review.reviewerName}`} className="flex flex-col gap-2">
            <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Stars rating={review.rating} />
              <span className="font-medium text-slate-900">{review.reviewerName}</span>
              <span className="text-sm text-slate-600">
                <time dateTime={review.createdAt.toISOString()}>{formatDate(review.createdAt, timeZone)}</time>
                {review.editedAt ? " · edited" : ""} · verified visit
              </span>
            </header>
            <p className="whitespace-pre-wrap text-slate-800">{review.body}</p>
            {review.doctorReply ? (
              <div className="ml-4 border-l-4 border-brand-100 pl-3">
                <p className="text-sm font-semibold text-slate-900">Reply from {doctorName}</p>
                <p className="whitespace-pre-wrap text-sm text-slate-800">{review.doctorReply}</p>
              </div>
            ) : null}
            <div>
              {viewer?.id === review.patientId ? (
                <span className="text-sm text-slate-600">Your review</span>
              ) : reported.has(review.id) ? (
                <span className="text-sm text-slate-600">You reported this review</span>
              ) : viewer ? (
                <ReportControl reviewId={review.id} />
              ) : (
                <Link href={loginHref} className="text-sm font-medium text-slate-700 underline-offset-2 hover:underline">
                  Report<span className="sr-only"> this review (sign in first)</span>
                </Link>
              )}
            </div>
          </article>
        </li>
      ))}
    </ol>
  );
}
