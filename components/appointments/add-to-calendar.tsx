import { googleCalendarUrl, outlookCalendarUrl, type CalendarEvent } from "@/lib/booking/calendar-links";
import { absoluteUrl } from "@/lib/env";
import { place } from "@/lib/notifications/appointments";

export interface VisitForCalendar {
  id: string;
  doctorName: string;
  startsAt: Date;
  endsAt: Date;
  clinicName: string | null;
  address: string | null;
  city: string | null;
}

/** The calendar entry of a visit, as the links carry it. */
function calendarEvent(visit: VisitForCalendar): CalendarEvent {
  return {
    title: `Appointment with ${visit.doctorName}`,
    startsAt: visit.startsAt,
    endsAt: visit.endsAt,
    details: `Careslot appointment. Details, changes and cancellation: ${absoluteUrl(`/patient/appointments/${visit.id}`)}`,
    location: place(visit),
  };
}

const linkClass =
  "inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 hover:border-brand-700";

/** "Add to calendar": the .ics file (any calendar app) and the Google and Outlook web calendars. */
export function AddToCalendar({ visit }: { visit: VisitForCalendar }) {
  const appointmentId = visit.id;
  const event = calendarEvent(visit);
  return (
    <section aria-labelledby={`calendar-${appointmentId}`} className="flex flex-col gap-2">
      <h2 id={`calendar-${appointmentId}`} className="font-semibold text-slate-900">
        Add to calendar
      </h2>
      <div className="flex flex-wrap gap-2">
        <a href={`/patient/appointments/${appointmentId}/calendar.ics`} download="appointment.ics" className={linkClass}>
          Download .ics
        </a>
        <a href={googleCalendarUrl(event)} target="_blank" rel="noopener noreferrer" className={linkClass}>
          Google Calendar<span className="sr-only"> (opens in a new tab)</span>
        </a>
        <a href={outlookCalendarUrl(event)} target="_blank" rel="noopener noreferrer" className={linkClass}>
          Outlook<span className="sr-only"> (opens in a new tab)</span>
        </a>
      </div>
    </section>
  );
}
