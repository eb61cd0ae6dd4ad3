import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { getAppointmentForNotice, getAppointmentHistory, getConsultationNote } from "@/db/queries/appointments";
import { getAppointmentPaymentView } from "@/db/queries/payments";
import { AppointmentStatus } from "@/components/appointments/status-badge";
import { StatusHistoryCard } from "@/components/appointments/status-history";
import { AppointmentPaymentCard } from "@/components/payments/appointment-payment-card";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { patientAppointmentOr404 } from "@/lib/booking/appointment-access";
import { formatMoney } from "@/lib/format";
import { Fact, Facts } from "@/components/ui/facts";
import { AddToCalendar } from "@/components/appointments/add-to-calendar";
import { ClinicPlace } from "@/components/appointments/visit-facts";
import { place } from "@/lib/notifications/appointments";
import { DateTimeInZone } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Appointment" };

export default async function PatientAppointmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole("patient");
  const appointment = await patientAppointmentOr404((await params).id, user.id);
  const checkout = (await searchParams).checkout;
  const db = getDb();
  const [history, note, paymentView, visit] = await Promise.all([
    getAppointmentHistory(db, appointment.id),
    getConsultationNote(db, appointment.id),
    getAppointmentPaymentView(db, appointment.id),
    getAppointmentForNotice(db, appointment.id),
  ]);
  const where = visit ? place(visit) : null;
  const zone = appointment.patientTimeZone ?? "UTC";
  return (
    <>
      <PageHeading title={`Visit with ${appointment.doctorName}`} subtitle={<DateTimeInZone instant={appointment.startsAt} timeZone={zone} />} />
      <div className="grid gap-6 lg:grid-cols-2">
        <AppointmentPaymentCard
          appointment={appointment}
          view={paymentView}
          timeZone={zone}
          checkout={typeof checkout === "string" ? checkout : undefined}
          now={new Date()}
        />
        <Card title="Details">
          <Facts>
            <Fact label="Status">
              <AppointmentStatus status={appointment.status} moved={appointment} timeZone={zone} hrefOf={(id) => `/patient/appointments/${id}`} />
            </Fact>
            <Fact label="Doctor">
              <Link href={`/doctors/${appointment.doctorId}`} className="text-brand-700 underline">
                {appointment.doctorName}
              </Link>{" "}
              {appointment.specialization ? `· ${appointment.specialization}` : ""}
            </Fact>
            <Fact label="Doctor's local time">
              <DateTimeInZone instant={appointment.startsAt} timeZone={appointment.doctorTimeZone} />
            </Fact>
            <Fact label="Where">
              <ClinicPlace where={where} />
            </Fact>
            <Fact label="Price">{formatMoney(appointment.priceMinor, appointment.currency)}</Fact>
            <Fact label="Reason">{appointment.reason || "—"}</Fact>
            {appointment.cancellationReason ? <Fact label="Cancellation">{appointment.cancellationReason}</Fact> : null}
          </Facts>
          {visit && (appointment.status === "confirmed" || appointment.status === "pending_payment") ? (
            <div className="mt-4">
              <AddToCalendar visit={visit} />
            </div>
          ) : null}
          {appointment.status === "completed" ? (
            <Link
              href={`/patient/appointments/${appointment.id}/review`}
              className="mt-4 inline-block font-medium text-brand-700 underline underline-offset-2 hover:no-underline"
            >
              Review this visit
            </Link>
          ) : null}
        </Card>
        <Card title="Summary from your doctor">
          {note?.patientSummary ? (
            <p className="whitespace-pre-wrap text-slate-800">{note.patientSummary}</p>
          ) : (
            <p className="text-slate-600">Your doctor has not shared a summary of this visit.</p>
          )}
        </Card>
        <StatusHistoryCard movedToId={appointment.movedToId} events={history} timeZone={zone} title="History" />
      </div>
    </>
  );
}
