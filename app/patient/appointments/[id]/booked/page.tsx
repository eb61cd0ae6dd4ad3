import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getAppointmentForNotice } from "@/db/queries/appointments";
import { getPaymentOfAppointment } from "@/db/queries/payments";
import { getAppSettings } from "@/db/queries/settings";
import { AddToCalendar } from "@/components/appointments/add-to-calendar";
import { ChangeActions } from "@/components/appointments/change-actions";
import { VisitFacts } from "@/components/appointments/visit-facts";
import { PaymentBadge } from "@/components/payments/payment-badge";
import { PaymentStatusRefresher } from "@/components/payments/payment-status-refresher";
import { Notice } from "@/components/ui/notice";
import { Card } from "@/components/ui/card";
import { FocusedHeading } from "@/components/ui/focused-heading";
import { requireRole } from "@/lib/auth/guards";
import { patientAppointmentOr404 } from "@/lib/booking/appointment-access";
import { getDb } from "@/lib/db";
import { formatDateTime, formatMoney } from "@/lib/format";

export const metadata: Metadata = { title: "Appointment booked" };

function leadTime(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? "24 hours" : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? "1 hour" : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/** Where a booking lands: everything the patient needs about the visit they just booked, and what happens next. */
export default async function AppointmentBookedPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole("patient");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  await patientAppointmentOr404(id, user.id);
  const db = getDb();
  const [visit, payment, settings] = await Promise.all([getAppointmentForNotice(db, id), getPaymentOfAppointment(db, id), getAppSettings(db)]);
  if (!visit) notFound();
  const now = new Date();
  const pending = visit.status === "pending_payment";
  // Back from Stripe Checkout: paid there, but only the verified webhook confirms it here.
  const confirmingPayment = pending && query.checkout === "success";
  return (
    <div className="flex flex-col gap-6">
      <div>
        <FocusedHeading>Appointment booked</FocusedHeading>
        <p className="mt-1 text-slate-700">
          {visit.doctorName}, {formatDateTime(visit.startsAt, visit.patientTimeZone)}
        </p>
      </div>
      {confirmingPayment ? (
        <Notice tone="info">
          <strong className="font-semibold">Waiting for payment confirmation.</strong> Thank you: Stripe is confirming your payment. This page updates by
          itself, or reload it in a moment; the visit is confirmed as soon as the payment is.
          <PaymentStatusRefresher />
        </Notice>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[1.3fr_1fr]">
        <Card title="Your visit">
          <VisitFacts
            visit={visit}
            payment={
              payment ? (
                <>
                  <PaymentBadge provider={payment.provider} status={payment.status} /> {formatMoney(payment.amountMinor, payment.currency)}
                  {payment.provider === "clinic" && payment.status === "due_at_visit" ? ", paid at the clinic at your visit" : ""}
                  {pending && !confirmingPayment ? (
                    <Link href={`/patient/appointments/${visit.id}`} className="ml-2 text-brand-700 underline">
                      Finish paying to confirm
                    </Link>
                  ) : null}
                </>
              ) : (
                "Nothing to pay."
              )
            }
          />
          <div className="mt-5 flex flex-col gap-5">
            {visit.status === "cancelled" ? null : <AddToCalendar visit={visit} />}
            <ChangeActions appointment={{ ...visit, bookedAt: visit.createdAt }} now={now} policy={settings} />
          </div>
        </Card>
        <Card title="What happens next">
          <ul className="flex list-disc flex-col gap-2 pl-5 text-slate-800">
            {confirmingPayment ? (
              <li>
                Once Stripe confirms the payment, a confirmation email with a calendar file and a receipt go to <strong>{visit.patientEmail}</strong>.
              </li>
            ) : pending ? (
              <li>The time is held for you until you pay; the booking is confirmed once the payment goes through.</li>
            ) : (
              <li>
                A confirmation email with a calendar file is on its way to <strong>{visit.patientEmail}</strong>.
              </li>
            )}
            {settings.reminderLeadMinutes > 0 ? <li>We will email you a reminder {leadTime(settings.reminderLeadMinutes)} before the visit.</li> : null}
            <li>You can reschedule or cancel online up to {settings.cancellationWindowHours} hours before the start; the doctor is told at once.</li>
          </ul>
          <Link href="/patient/appointments" className="mt-4 inline-block font-medium text-brand-700 underline">
            All your appointments
          </Link>
        </Card>
      </div>
    </div>
  );
}
