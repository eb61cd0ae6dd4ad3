import Link from "next/link";
import { StatusBadge } from "@/components/appointments/status-badge";
import { formatDate, formatTime } from "@/lib/format";
import type { AppointmentStatus } from "@/lib/vocabulary";

export interface UpcomingAppointment {
  id: string;
  patientName: string;
  status: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The week's visits as plain links, rendered on the server: keyboard and
 * screen-reader users reach every appointment without entering the grid, and
 * it works before (or without) the calendar's JavaScript.
 */
export function UpcomingList({ appointments, timeZone }: { appointments: UpcomingAppointment[]; timeZone: string }) {
  return (
    <section aria-labelledby="upcoming-week" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="upcoming-week" className="mb-3 text-lg font-semibold text-slate-900">
        Upcoming this week
      </h2>
      {appointments.length === 0 ? (
        <p className="text-slate-600">No appointments in the next seven days.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {appointments.map((appointment) => (
            <li key={appointment.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <Link href={`/doctor/appointments/${appointment.id}`} className="group flex flex-col rounded focus-visible:outline-2">
                <span className="font-medium text-brand-700 group-hover:underline">{appointment.patientName}</span>
                <span className="text-sm text-slate-600">
                  {formatDate(appointment.startsAt, timeZone)}, {formatTime(appointment.startsAt, timeZone)}–{formatTime(appointment.endsAt, timeZone)}
                </span>
              </Link>
              <StatusBadge status={appointment.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
