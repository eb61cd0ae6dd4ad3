import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { getDoctorProfileForEdit } from "@/db/queries/profiles";
import { countReviewsOfDoctor, getRatingSummary, listReviewsOfDoctor } from "@/db/queries/reviews";
import { RatingSummary } from "@/components/reviews/rating-summary";
import { ReplyForm } from "@/components/reviews/reply-form";
import { Stars } from "@/components/reviews/stars";
import { Card, PageHeading } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { requireRole } from "@/lib/auth/guards";
import { formatDate } from "@/lib/format";
import { pageFrom } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Reviews" };

const PER_PAGE = 20;

export default async function DoctorReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const doctor = await requireRole("doctor");
  const db = getDb();
  const page = pageFrom(await searchParams);
  const [profile, summary, counts, reviews] = await Promise.all([
    getDoctorProfileForEdit(db, doctor.id),
    getRatingSummary(db, doctor.id),
    countReviewsOfDoctor(db, doctor.id),
    listReviewsOfDoctor(db, doctor.id, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
  ]);
  const zone = profile?.profile.timeZone ?? "UTC";
  return (
    <>
      <PageHeading
        title="Reviews"
        subtitle={`${counts.all} ${counts.all === 1 ? "review" : "reviews"} from patients you saw · ${counts.awaitingReply} without your reply`}
      />
      <div className="flex flex-col gap-6">
        <Card title="Your rating">
          <RatingSummary summary={summary} />
          <p className="mt-3 text-sm text-slate-600">Reviews hidden by moderators are not counted and not shown on your public page.</p>
        </Card>
        <Card title="All reviews">
          {reviews.length === 0 ? (
            <p className="text-slate-700">No reviews yet. Patients can review a visit once you mark it completed.</p>
          ) : (
            <ol aria-label="Reviews of you" className="flex flex-col divide-y divide-slate-100">
              {reviews.map((review) => (
                <li key={review.id} className="flex flex-col gap-2 py-4 first:pt-0">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <Stars rating={review.rating} />
                    <span className="font-medium text-slate-900">{review.reviewerName}</span>
                    <span className="text-sm text-slate-600">
                      {formatDate(review.createdAt, zone)} · visit on {formatDate(review.appointmentStartsAt, zone)}
                    </span>
                    {review.status === "hidden" ? (
                      <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-semibold text-slate-800">Hidden by moderators</span>
                    ) : null}
                  </div>
                  <p className="whitespace-pre-wrap text-slate-800">{review.body}</p>
                  {review.doctorReply ? (
                    <div className="ml-4 border-l-4 border-brand-100 pl-3">
                      <p className="text-sm font-semibold text-slate-900">
                        Your reply{review.doctorRepliedAt ? `, ${formatDate(review.doctorRepliedAt, zone)}` : ""}
                      </p>
                      <p className="whitespace-pre-wrap text-sm text-slate-800">{review.doctorReply}</p>
                    </div>
                  ) : (
                    <ReplyForm reviewId={review.id} reviewerName={review.reviewerName} />
                  )}
                </li>
              ))}
            </ol>
          )}
          <Pagination basePath="/doctor/reviews" params={{}} page={page} pageSize={PER_PAGE} total={counts.all} label="Review pages" />
        </Card>
      </div>
    </>
  );
}
