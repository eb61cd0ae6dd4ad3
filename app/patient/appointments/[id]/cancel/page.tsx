import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { getAppSettings } from "@/db/queries/settings";
import { CancelAppointmentForm } from "@/components/appointments/patient-appointment-forms";
import { Card, PageHeading } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guards";
import { patientAppointmentOr404 } from "@/lib/booking/appointment-access";
import { cancellationAllowed } from "@/lib/booking/rules";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Cancel appointment" };

export default async function CancelAppointmentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("patient");
  const appointment = await patientAppointmentOr404((await params).id, user.id);
  const settings = await getAppSettings(getDb());
  const zone = appointment.patientTimeZone ?? "UTC";
  const rule = cancellationAllowed(appointment.startsAt, new Date(), settings.cancellationWindowHours);
  const cancellable = appointment.status === "confirmed" || appointment.status === "pending_payment";
  return (
    <>
      <PageHeading title="Cancel appointment" subtitle={`${appointment.doctorName} · ${formatDateTime(appointment.startsAt, zone)} (${zone})`} />
      <Card>
        {!cancellable ? (
          <Notice tone="warning">This appointment is no longer upcoming, so it cannot be cancelled.</Notice>
        ) : !rule.allowed ? (
          <Notice tone="warning">{rule.reason} Please call the clinic.</Notice>
        ) : (
          <>
            <p className="mb-4 text-slate-700">The doctor will be told, and the time becomes free for other patients. Nothing was charged, so nothing needs refunding.</p>
            <CancelAppointmentForm appointmentId={appointment.id} />
          </>
        )}
        <Link href="/patient/appointments" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
          Keep the appointment and go back
        </Link>
      </Card>
    </>
  );
}
