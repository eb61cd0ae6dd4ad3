import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { getAppointmentHistory, getConsultationNote, getPatientHistoryWithDoctor } from "@/db/queries/appointments";
import { getPatientInformationForAppointment } from "@/db/queries/profiles";
import { ConsultationNoteForm, DoctorCancelForm, OutcomeButtons } from "@/components/appointments/doctor-appointment-forms";
import { AppointmentStatus, StatusBadge } from "@/components/appointments/status-badge";
import { StatusHistoryCard } from "@/components/appointments/status-history";
import { PatientInformationCard } from "@/components/profiles/patient-information-card";
import { SharedRecordsCard } from "@/components/records/shared-records-card";
import { Card, PageHeading } from "@/components/ui/card";
import { PageNotice } from "@/components/admin/page-notice";
import { frontDeskNotices } from "@/components/front-desk/notices";
import { requireRole } from "@/lib/auth/guards";
import { doctorAppointmentOr404 } from "@/lib/booking/appointment-access";
import { noShowAllowed } from "@/lib/booking/rules";
import { formatDateTime } from "@/lib/format";
import { sharedRecordsForAppointment } from "@/lib/records/shared";
import { doctorInCare } from "@/lib/security/care";
import { Fact, Facts } from "@/components/ui/facts";
import { DateTimeInZone } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Appointment" };

export default async function DoctorAppointmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole("doctor");
  const appointment = await doctorAppointmentOr404((await params).id, user.id);
  const { notice } = await searchParams;
  const db = getDb();
  const [history, inCare] = await Promise.all([
    getAppointmentHistory(db, appointment.id),
    doctorInCare(db, { doctorId: user.id, patientId: appointment.patientId }),
  ]);
  const zone = appointment.doctorTimeZone;
  const noShow = noShowAllowed(appointment.startsAt, new Date());
  const upcoming = appointment.status === "confirmed" || appointment.status === "pending_payment";
  return (
    <>
      <PageHeading title={appointment.patientName} subtitle={<DateTimeInZone instant={appointment.startsAt} timeZone={zone} />} />
      <PageNotice code={typeof notice === "string" ? notice : undefined} messages={frontDeskNotices} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Visit">
          <Facts>
            <Fact label="Status">
              <AppointmentStatus status={appointment.status} moved={appointment} timeZone={zone} hrefOf={(id) => `/doctor/appointments/${id}`} />
            </Fact>
            {inCare ? (
              <>
                <Fact label="Reason">{appointment.reason || "—"}</Fact>
                <Fact label="Patient contact">
                  {appointment.patientEmail}
                  {appointment.patientPhone ? ` · ${appointment.patientPhone}` : ""}
                </Fact>
              </>
            ) : null}
            {appointment.cancellationReason ? <Fact label="Cancellation">{appointment.cancellationReason}</Fact> : null}
          </Facts>
          {inCare ? null : <p className="mt-4 text-sm text-slate-600">{NOT_IN_CARE}</p>}
          {noShow.allowed ? (
            <div className="mt-4">
              <OutcomeButtons appointmentId={appointment.id} open={appointment.status === "confirmed"} />
            </div>
          ) : null}
          {appointment.status === "confirmed" && !noShow.allowed ? (
            <p className="mt-4 text-sm text-slate-600">You can record the outcome (completed or no-show) once the visit has started.</p>
          ) : null}
          {appointment.status === "confirmed" ? (
            <p className="mt-4">
              <Link href={`/doctor/appointments/${appointment.id}/reschedule`} className="font-medium text-brand-700 underline">
                Reschedule for the patient
              </Link>
            </p>
          ) : null}
          <div className={upcoming ? "mt-6 border-t border-slate-100 pt-4" : "mt-4"}>
            <DoctorCancelForm
              appointmentId={appointment.id}
              patientName={appointment.patientName}
              when={formatDateTime(appointment.startsAt, zone)}
              open={upcoming}
            />
          </div>
        </Card>
        <StatusHistoryCard movedToId={appointment.movedToId} events={history} timeZone={zone} />
        {inCare ? <PatientCare doctorId={user.id} appointment={appointment} zone={zone} /> : null}
      </div>
    </>
  );
}

const NOT_IN_CARE =
  "This patient's information, your notes and their shared documents are not available: you see them only while your profile is verified and you have an appointment with the patient that is not cancelled.";

/** What a doctor sees only while the patient is in their care (lib/security/care.ts): medical information, notes, history, shared documents. */
async function PatientCare({
  doctorId,
  appointment,
  zone,
}: {
  doctorId: string;
  appointment: { id: string; patientId: string; patientName: string };
  zone: string;
}) {
  const db = getDb();
  const [note, patientHistory, patientInformation, records] = await Promise.all([
    getConsultationNote(db, appointment.id),
    getPatientHistoryWithDoctor(db, doctorId, appointment.patientId),
    getPatientInformationForAppointment(db, { doctorId, appointmentId: appointment.id }),
    sharedRecordsForAppointment(doctorId, appointment.patientId, appointment.id),
  ]);
  return (
    <>
      <PatientInformationCard information={patientInformation} />
      <Card title="Consultation notes">
        <ConsultationNoteForm appointmentId={appointment.id} body={note?.body ?? ""} patientSummary={note?.patientSummary ?? ""} />
      </Card>
      <Card title={`History with ${appointment.patientName}`}>
        <ul className="flex flex-col divide-y divide-slate-100 text-sm">
          {patientHistory.map((visit) => (
            <li key={visit.id} className="py-2">
              <div className="flex justify-between gap-2">
                <span className="font-medium">{formatDateTime(visit.startsAt, zone)}</span>
                <StatusBadge status={visit.status} />
              </div>
              {visit.reason ? <p className="text-slate-700">Reason: {visit.reason}</p> : null}
              {visit.note ? <p className="whitespace-pre-wrap text-slate-700">Notes: {visit.note}</p> : null}
            </li>
          ))}
        </ul>
        <Link href={`/doctor/patients/${appointment.patientId}`} className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
          Full history and shared documents of {appointment.patientName}
        </Link>
      </Card>
      {/* Shared records: the patient's documents shared with this doctor (issue 7). */}
      <SharedRecordsCard zone={zone} {...records} />
    </>
  );
}
