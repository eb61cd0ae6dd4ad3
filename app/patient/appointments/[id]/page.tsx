import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { getAppointmentHistory, getConsultationNote } from "@/db/queries/appointment-reads";
import { getAppointmentPaymentView } from "@/db/queries/payment-reads";
import { StatusBadge } from "@/components/appointments/status-badge";
import { AppointmentPaymentCard } from "@/components/payments/appointment-payment-card";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { patientAppointmentOr404 } from "@/lib/booking/appointment-access";
import { formatDateTime, formatMoney, statusLabels } from "@/lib/format";

export const metadata: Metadata = { title: "Appointment" };

export default async function PatientAppointmentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("patient");
  const appointment = await patientAppointmentOr404((await params).id, user.id);
  const checkout = (await searchParams).checkout;
  const db = getDb();
  const [history, note, paymentView] = await Promise.all([getAppointmentHistory(db, appointment.id), getConsultationNote(db, appointment.id), getAppointmentPaymentView(db, appointment.id)]);
  const zone = appointment.patientTimeZone ?? "UTC";
  return (
    <>
      <PageHeading title={`Visit with ${appointment.doctorName}`} subtitle={`${formatDateTime(appointment.startsAt, zone)} (${zone})`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <AppointmentPaymentCard appointment={appointment} view={paymentView} timeZone={zone} checkout={typeof checkout === "string" ? checkout : undefined} now={new Date()} />
        <Card title="Details">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">Status</dt>
            <dd>
              <StatusBadge status={appointment.status} />
            </dd>
            <dt className="text-slate-600">Doctor</dt>
            <dd>
              <Link href={`/doctors/${appointment.doctorId}`} className="text-brand-700 underline">
                {appointment.doctorName}
              </Link>{" "}
              {appointment.specialization ? `· ${appointment.specialization}` : ""}
            </dd>
            <dt className="text-slate-600">Doctor&apos;s local time</dt>
            <dd>
              {formatDateTime(appointment.startsAt, appointment.doctorTimeZone)} ({appointment.doctorTimeZone})
            </dd>
            <dt className="text-slate-600">Price</dt>
            <dd>{formatMoney(appointment.priceMinor, appointment.currency)}</dd>
            <dt className="text-slate-600">Reason</dt>
            <dd>{appointment.reason || "—"}</dd>
            {appointment.cancellationReason ? (
              <>
                <dt className="text-slate-600">Cancellation</dt>
                <dd>{appointment.cancellationReason}</dd>
              </>
            ) : null}
          </dl>
          {appointment.status === "completed" ? (
            <Link href={`/patient/appointments/${appointment.id}/review`} className="mt-4 inline-block font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
              Review this visit
            </Link>
          ) : null}
        </Card>
        <Card title="Summary from your doctor">
          {note?.patientSummary ? <p className="whitespace-pre-wrap text-slate-800">{note.patientSummary}</p> : <p className="text-slate-600">Your doctor has not shared a summary of this visit.</p>}
        </Card>
        <Card title="History">
          <ol className="flex flex-col gap-2 text-sm">
            {history.map((event) => (
              <li key={event.id} className="flex flex-wrap justify-between gap-2">
                <span>
                  <span className="font-medium">{statusLabels[event.toStatus]}</span>
                  {event.note ? ` — ${event.note}` : ""}
                </span>
                <span className="text-slate-600">{formatDateTime(event.at, zone)}</span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
