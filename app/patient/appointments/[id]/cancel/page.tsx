import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { committedRefundTotal, getPaymentOfAppointment } from "@/db/queries/payments";
import { getAppSettings } from "@/db/queries/settings";
import { CancelAppointmentForm } from "@/components/appointments/patient-appointment-forms";
import { Card, PageHeading } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guards";
import { patientAppointmentOr404 } from "@/lib/booking/appointment-access";
import { graceStartOf, patientChangeAllowed } from "@/lib/booking/rules";
import { cancellationMoney } from "@/lib/payments/policy";
import { formatMoney } from "@/lib/format";
import { DateTimeInZone } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Cancel appointment" };

export default async function CancelAppointmentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("patient");
  const appointment = await patientAppointmentOr404((await params).id, user.id);
  const db = getDb();
  const [settings, payment] = await Promise.all([getAppSettings(db), getPaymentOfAppointment(db, appointment.id)]);
  const zone = appointment.patientTimeZone ?? "UTC";
  const now = new Date();
  const rule = patientChangeAllowed(appointment, now, settings);
  // The same decision the cancellation will make, shown before the patient confirms.
  const money = cancellationMoney({
    payment,
    alreadyRefundedMinor: payment ? await committedRefundTotal(db, payment.id) : 0,
    actor: "patient",
    startsAt: appointment.startsAt,
    now,
    bookedAt: graceStartOf(appointment),
    policy: settings,
  });
  const cancellable = appointment.status === "confirmed" || appointment.status === "pending_payment";
  return (
    <>
      <PageHeading
        title="Cancel appointment"
        subtitle={
          <>
            {appointment.doctorName} · <DateTimeInZone instant={appointment.startsAt} timeZone={zone} />
          </>
        }
      />
      <Card>
        {!cancellable ? (
          <Notice tone="warning">This appointment is no longer upcoming, so it cannot be cancelled.</Notice>
        ) : !rule.allowed ? (
          <Notice tone="warning">{rule.reason} Please call the clinic.</Notice>
        ) : (
          <>
            <p className="mb-2 text-slate-700">The doctor will be told, and the time becomes free for other patients.</p>
            <Notice tone={money.kind === "no_refund" ? "warning" : "info"} className="mb-4">
              {money.message}
            </Notice>
            <CancelAppointmentForm
              appointmentId={appointment.id}
              refund={money.kind === "refund" && payment?.provider === "stripe" ? formatMoney(money.amount, payment.currency) : undefined}
            />
          </>
        )}
        <Link href="/patient/appointments" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
          Keep the appointment and go back
        </Link>
      </Card>
    </>
  );
}
