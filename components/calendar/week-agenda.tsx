import Link from "next/link";
import { StatusBadge } from "@/components/appointments/status-badge";
import { rangesWithout } from "@/lib/availability/calendar-grid-time";
import type { CalendarAppointment, CalendarData } from "@/lib/availability/calendar-range";
import type { CalendarWeek } from "@/lib/availability/calendar-week";
import { describeRanges } from "@/lib/availability/open-hours";
import { formatCalendarDate } from "@/lib/format";

const linkClasses = "font-medium text-brand-700 underline underline-offset-2 hover:no-underline";

function visitsByDate(appointments: CalendarAppointment[]): Map<string, CalendarAppointment[]> {
  const byDate = new Map<string, CalendarAppointment[]>();
  for (const visit of appointments) {
    if (visit.status === "cancelled") continue; // as on the grid, unless asked for
    const date = visit.localStart.slice(0, 10);
    byDate.set(date, [...(byDate.get(date) ?? []), visit]);
  }
  return byDate;
}

/**
 * The grid's week as a list, rendered on the server for browsers without
 * JavaScript (the page puts it in <noscript>): each day's open hours, less
 * the time a spring-forward night skips, and its visits as links, with plain
 * links to the weeks before and after.
 */
export function WeekAgenda({ week, data }: { week: CalendarWeek; data: CalendarData }) {
  const visits = visitsByDate(data.appointments);
  return (
    <section aria-labelledby="week-agenda" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="week-agenda" className="text-lg font-semibold text-slate-900">
          Week of {formatCalendarDate(week.start, "long")}
        </h2>
        <nav aria-label="Weeks" className="flex flex-wrap gap-4 text-sm">
          <Link href={`/doctor/calendar?week=${week.previous}`} className={linkClasses}>
            Previous week
          </Link>
          <Link href="/doctor/calendar" className={linkClasses}>
            This week
          </Link>
          <Link href={`/doctor/calendar?week=${week.next}`} className={linkClasses}>
            Next week
          </Link>
        </nav>
      </div>
      <ol className="mt-3 divide-y divide-slate-100">
        {data.days.map((day) => {
          const open = rangesWithout(day.ranges, day.skipped);
          const dayVisits = visits.get(day.date) ?? [];
          return (
            <li key={day.date} className="py-3">
              <h3 className="font-semibold text-slate-900">{formatCalendarDate(day.date, "long")}</h3>
              <p className="text-sm text-slate-600">
                {open.length === 0 ? "Closed" : `Open ${describeRanges(open)}`}
                {day.source === "override" ? " (this date only)" : ""}
                {day.skipped.length > 0 ? `. Clocks go forward: ${describeRanges(day.skipped)} does not exist.` : ""}
              </p>
              {dayVisits.length === 0 ? (
                <p className="mt-1 text-sm text-slate-600">No visits.</p>
              ) : (
                <ul className="mt-2 flex flex-col gap-2">
                  {dayVisits.map((visit) => (
                    <li key={visit.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                      <Link href={`/doctor/appointments/${visit.id}`} className={linkClasses}>
                        {visit.localStart.slice(11, 16)}–{visit.localEnd.slice(11, 16)} {visit.patientName}
                      </Link>
                      {visit.reason ? <span className="text-sm text-slate-700">{visit.reason}</span> : null}
                      <StatusBadge status={visit.status} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
