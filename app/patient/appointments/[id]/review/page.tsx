import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { getReviewForAppointment } from "@/db/queries/reviews";
import { ReviewForm } from "@/components/reviews/review-form";
import { Stars } from "@/components/reviews/stars";
import { Card, PageHeading } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guards";
import { patientAppointmentOr404 } from "@/lib/booking/appointment-access";
import { reviewChangeAllowed, reviewChangeDeadline } from "@/lib/reviews/rules";
import { formatDate } from "@/lib/format";
import { DateTimeInZone } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Review your visit" };

export default async function ReviewVisitPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const patient = await requireRole("patient");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const appointment = await patientAppointmentOr404(id, patient.id);
  const review = await getReviewForAppointment(getDb(), appointment.id);
  const zone = appointment.patientTimeZone ?? "UTC";
  const now = new Date();
  const changeable = review ? reviewChangeAllowed(review.createdAt, now).allowed : false;
  const doctorPage = `/doctors/${appointment.doctorId}#reviews`;
  return (
    <>
      <PageHeading title={`Review your visit with ${appointment.doctorName}`} subtitle={<DateTimeInZone instant={appointment.startsAt} timeZone={zone} />} />
      <div className="flex max-w-2xl flex-col gap-4">
        {query.saved ? (
          <Notice tone="success">
            Thank you: your review is published.{" "}
            <Link href={doctorPage} className="font-medium underline">
              See it on {appointment.doctorName}&apos;s page
            </Link>
          </Notice>
        ) : null}
        {query.deleted ? <Notice tone="success">Your review was deleted.</Notice> : null}
        {review?.status === "hidden" ? (
          <Notice tone="warning">A moderator has hidden this review: it is not shown on the doctor&apos;s page or counted in their rating.</Notice>
        ) : null}
        <Card>
          {appointment.status !== "completed" && !review ? (
            <p className="text-slate-800">
              You can review this visit once your doctor has marked it completed. Only patients who were actually seen can review.
            </p>
          ) : review && !changeable ? (
            <div className="flex flex-col gap-2">
              <Stars rating={review.rating} />
              <p className="whitespace-pre-wrap text-slate-800">{review.body}</p>
              <p className="text-sm text-slate-600">
                Written {formatDate(review.createdAt, zone)}. Reviews can be changed or deleted for 30 days; this one can no longer be changed.
              </p>
            </div>
          ) : (
            <>
              {review ? (
                <p className="mb-4 text-sm text-slate-700">
                  You can change or delete your review until {formatDate(reviewChangeDeadline(review.createdAt), zone)}.
                </p>
              ) : null}
              <ReviewForm
                appointmentId={appointment.id}
                doctorId={appointment.doctorId}
                existing={review ? { id: review.id, rating: review.rating, body: review.body } : null}
              />
            </>
          )}
        </Card>
        <Link href={`/patient/appointments/${appointment.id}`} className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
          Back to the appointment
        </Link>
      </div>
    </>
  );
}
