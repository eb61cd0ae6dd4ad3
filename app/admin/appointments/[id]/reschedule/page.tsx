import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { rescheduleAsAdminAction } from "@/app/admin/appointments/actions";
import { StaffRescheduleForm } from "@/components/front-desk/reschedule-form";
import { StaffRescheduleStep } from "@/components/front-desk/reschedule-step";
import { Card, PageHeading } from "@/components/ui/card";
import { DateTimeInZone } from "@/components/ui/zone-name";
import { getAppointmentForAdmin } from "@/db/queries/appointments";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { frontDeskSlots } from "@/lib/front-desk/slots";

export const metadata: Metadata = { title: "Reschedule appointment" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminReschedulePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  await requireRole("admin");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  if (!z.uuid().safeParse(id).success) notFound();
  const appointment = await getAppointmentForAdmin(getDb(), id);
  if (!appointment) notFound();
  const slots = appointment.status === "confirmed" ? await frontDeskSlots(appointment.doctorId, query, { excludeAppointmentId: appointment.id }) : null;
  return (
    <>
      <PageHeading
        title="Reschedule appointment"
        subtitle={
          <>
            {appointment.patientName} with {appointment.doctorName} · now{" "}
            <DateTimeInZone instant={appointment.startsAt} timeZone={appointment.doctorTimeZone} />
          </>
        }
      />
      <Card>
        <StaffRescheduleStep
          status={appointment.status}
          slots={slots}
          basePath={`/admin/appointments/${appointment.id}/reschedule`}
          patientTimeZone={appointment.doctorTimeZone}
          form={(startsAt, summary) => (
            <StaffRescheduleForm
              action={rescheduleAsAdminAction}
              appointmentId={appointment.id}
              startsAt={startsAt}
              summary={`New time: ${summary} The patient and the doctor are emailed; the current time is kept until the move succeeds.`}
            />
          )}
        />
      </Card>
      <p className="mt-4 text-sm">
        <Link href={`/admin/appointments/${appointment.id}`} className="text-brand-700 underline">
          Keep the current time and go back
        </Link>
      </p>
    </>
  );
}
