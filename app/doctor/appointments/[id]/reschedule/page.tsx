import type { Metadata } from "next";
import Link from "next/link";
import { rescheduleAsDoctorAction } from "@/app/doctor/appointments/actions";
import { StaffRescheduleForm } from "@/components/front-desk/reschedule-form";
import { StaffRescheduleStep } from "@/components/front-desk/reschedule-step";
import { Card, PageHeading } from "@/components/ui/card";
import { DateTimeInZone } from "@/components/ui/zone-name";
import { requireRole } from "@/lib/auth/guards";
import { doctorAppointmentOr404 } from "@/lib/booking/appointment-access";
import { frontDeskSlots } from "@/lib/front-desk/slots";

export const metadata: Metadata = { title: "Reschedule appointment" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function DoctorReschedulePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const user = await requireRole("doctor");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const appointment = await doctorAppointmentOr404(id, user.id);
  const slots = appointment.status === "confirmed" ? await frontDeskSlots(user.id, query, { excludeAppointmentId: appointment.id }) : null;
  return (
    <>
      <PageHeading
        title="Reschedule appointment"
        subtitle={
          <>
            {appointment.patientName} · now <DateTimeInZone instant={appointment.startsAt} timeZone={appointment.doctorTimeZone} />
          </>
        }
      />
      <Card>
        <StaffRescheduleStep
          status={appointment.status}
          slots={slots}
          basePath={`/doctor/appointments/${appointment.id}/reschedule`}
          patientTimeZone={appointment.patientTimeZone ?? appointment.doctorTimeZone}
          form={(startsAt, summary) => (
            <StaffRescheduleForm
              action={rescheduleAsDoctorAction}
              appointmentId={appointment.id}
              startsAt={startsAt}
              summary={`New time: ${summary} The patient is emailed; the current time is kept until the move succeeds.`}
            />
          )}
        />
      </Card>
      <p className="mt-4 text-sm">
        <Link href={`/doctor/appointments/${appointment.id}`} className="text-brand-700 underline">
          Keep the current time and go back
        </Link>
      </p>
    </>
  );
}
