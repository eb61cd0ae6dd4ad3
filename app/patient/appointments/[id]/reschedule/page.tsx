import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { getBookableDoctor } from "@/db/queries/profiles";
import { ConfirmRescheduleForm } from "@/components/appointments/patient-appointment-forms";
import { SlotPicker } from "@/components/booking/slot-picker";
import { TimeZoneNote } from "@/components/booking/time-zone-note";
import { Card, PageHeading } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guards";
import { patientAppointmentOr404 } from "@/lib/booking/appointment-access";
import { freeSlotDays } from "@/lib/booking/slot-view";
import { slotPanel } from "@/lib/booking/slot-week";
import { formatCalendarDate, formatTimeZone } from "@/lib/format";
import { DateTimeInZone } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Reschedule appointment" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function ReschedulePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const user = await requireRole("patient");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const appointment = await patientAppointmentOr404(id, user.id);
  const zone = appointment.patientTimeZone ?? "UTC";
  const db = getDb();
  const doctor = await getBookableDoctor(db, appointment.doctorId);
  const now = new Date();
  const days =
    doctor && appointment.status === "confirmed" ? await freeSlotDays(db, doctor, { viewerTimeZone: zone, now, excludeAppointmentId: appointment.id }) : [];
  const panel = slotPanel(days, { now, viewerTimeZone: zone, horizonDays: doctor?.bookingHorizonDays ?? 0, date: one(query.date), slot: one(query.slot) });
  const { selected } = panel;
  const basePath = `/patient/appointments/${appointment.id}/reschedule`;
  return (
    <>
      <PageHeading
        title="Reschedule appointment"
        subtitle={
          <>
            {appointment.doctorName} · now <DateTimeInZone instant={appointment.startsAt} timeZone={zone} />
          </>
        }
      />
      <Card>
        <div className="flex flex-col gap-4">
          {query.taken ? <Notice tone="error">That time was just taken. Your appointment was not changed; choose another time.</Notice> : null}
          {appointment.status !== "confirmed" ? <Notice tone="warning">Only confirmed appointments can be rescheduled.</Notice> : null}
          <TimeZoneNote viewerTimeZone={zone} doctorTimeZone={appointment.doctorTimeZone} />
          {appointment.status === "confirmed" ? (
            <SlotPicker {...panel} selectedSlot={selected?.startsAt.toISOString()} basePath={basePath} viewerTimeZone={zone} />
          ) : null}
          {selected ? (
            <ConfirmRescheduleForm
              appointmentId={appointment.id}
              startsAt={selected.startsAt.toISOString()}
              summary={`New time: ${formatCalendarDate(selected.viewerDate, "long")} at ${selected.viewerTime} ${formatTimeZone(zone, selected.startsAt)}. Your current time is kept until the move succeeds.`}
            />
          ) : null}
          <Link href="/patient/appointments" className="text-sm font-medium text-brand-700 underline">
            Keep the current time and go back
          </Link>
        </div>
      </Card>
    </>
  );
}
