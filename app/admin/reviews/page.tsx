import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { countOpenReportedReviews, countReviewsForModeration, listReviewsForModeration, type ModerationView } from "@/db/queries/reviews";
import { Pagination } from "@/components/ui/pagination";
import { pageFrom } from "@/lib/validation/paging";
import { ModerationForms } from "@/components/admin/moderation-forms";
import { PageNotice } from "@/components/admin/page-notice";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Review moderation" };

const views: Record<ModerationView, string> = { reported: "Reported", recent: "Last 30 days", hidden: "Hidden" };

const notices = {
  hidden: "The review was hidden. It no longer appears on the doctor's page or in their rating.",
  restored: "The review was restored. It appears on the doctor's page and in their rating again.",
  dismissed: "The reports were dismissed; the review stays as it is.",
};

const PAGE_SIZE = 20;

export default async function AdminReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("admin");
  const query = await searchParams;
  const { view: requested, notice } = query;
  const view: ModerationView = requested && requested in views ? (requested as ModerationView) : "reported";
  const page = pageFrom(query);
  const db = getDb();
  const now = new Date();
  const [reviews, total, reportedCount] = await Promise.all([
    listReviewsForModeration(db, view, now, { page, pageSize: PAGE_SIZE }),
    countReviewsForModeration(db, view, now),
    countOpenReportedReviews(db),
  ]);
  return (
    <>
      <PageHeading
        title="Review moderation"
        subtitle="Hidden reviews leave the doctor's page and rating at once; they can be restored. Every decision is audited."
      />
      <PageNotice code={notice} messages={notices} />
      <nav aria-label="Review queues" className="mb-4 flex flex-wrap gap-2">
        {(Object.keys(views) as ModerationView[]).map((key) => (
          <Link
            key={key}
            href={`/admin/reviews?view=${key}`}
            aria-current={key === view ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-sm font-medium ${key === view ? "bg-brand-700 text-white" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`}
          >
            {views[key]}
            {key === "reported" ? ` (${reportedCount})` : ""}
          </Link>
        ))}
      </nav>
      {reviews.length === 0 ? (
        <Card>
          <p className="text-slate-600">{view === "reported" ? "No review has an open report." : "No reviews here."}</p>
        </Card>
      ) : (
        <ul className="flex flex-col gap-4">
          {reviews.map((review) => (
            <li key={review.id}>
              <Card>
                <article aria-label={`Review of ${review.doctorName} by ${review.patientName}`} className="grid gap-6 lg:grid-cols-[1fr_20rem]">
                  <div className="flex flex-col gap-2 text-sm">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="text-base font-semibold text-slate-900">{review.doctorName}</span>
                      <span className="text-slate-600">reviewed by {review.patientName}</span>
                      <span
                        className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${review.status === "visible" ? "bg-emerald-100 text-emerald-900" : "bg-slate-200 text-slate-800"}`}
                      >
                        {review.status === "visible" ? "Visible" : "Hidden"}
                      </span>
                    </p>
                    <p>
                      <span className="font-semibold">{review.rating} of 5 stars</span> · {formatDateTime(review.createdAt, "UTC")} UTC
                    </p>
                    <p className="whitespace-pre-wrap text-slate-800">{review.body}</p>
                    {review.doctorReply ? <p className="border-l-2 border-slate-200 pl-3 text-slate-700">Doctor&apos;s reply: {review.doctorReply}</p> : null}
                    {review.moderationReason ? <p className="text-slate-600">Last moderation note: {review.moderationReason}</p> : null}
                    <p className="text-slate-600" data-testid="doctor-rating">
                      {review.doctorName}&apos;s public rating:{" "}
                      {review.doctorAverage === null
                        ? "no visible reviews"
                        : `${review.doctorAverage.toFixed(2)} from ${review.doctorVisibleCount} visible ${review.doctorVisibleCount === 1 ? "review" : "reviews"}`}
                    </p>
                    {review.reports.length ? (
                      <div>
                        <h3 className="font-semibold text-slate-900">Open reports ({review.reports.length})</h3>
                        <ul className="list-disc pl-5">
                          {review.reports.map((report) => (
                            <li key={report.id}>
                              {report.reason}{" "}
                              <span className="text-slate-600">
                                — {report.reporterName} ({report.reporterRole})
                              </span>
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                  </div>
                  <ModerationForms reviewId={review.id} status={review.status} openReports={review.openReports} view={view} />
                </article>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <Pagination basePath="/admin/reviews" params={{ view }} page={page} pageSize={PAGE_SIZE} total={total} label="Review pages" />
    </>
  );
}
