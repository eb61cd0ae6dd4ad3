// CalendarData → FullCalendar events, and back from a dragged block to "HH:MM".
//
// Time zones: FullCalendar 6 without a named-zone plugin cannot place events
// in a zone like "Europe/Berlin" (it would "UTC-coerce" them, silently wrong
// across DST). So the grid runs with timeZone "UTC" and is fed the doctor's
// WALL CLOCK written as if it were UTC: an appointment at 09:00 Berlin time is
// "…T09:00:00Z". The server converts each instant to the doctor's wall clock
// with Temporal, which knows every DST rule, so every event sits at the time
// the doctor's own clock shows, on both sides of a DST change. The price: the
// grid shows the hour a spring-forward night skips, and the repeated autumn
// hour once (a visit in it is drawn at its wall-clock time). Open hours need
// no conversion at all: they are stored as wall-clock "HH:MM" per date, so a
// dragged block's UTC fields ARE the new local times; nothing is converted back.
import type { EventInput } from "@fullcalendar/core";
import type { AppointmentStatus, CalendarData } from "@/lib/availability/calendar-range";
import type { DateHours } from "@/lib/availability/open-hours";
import type { TimeRange } from "@/lib/scheduling";

export const statusStyles: Record<AppointmentStatus, { label: string; background: string; border: string; text: string }> = {
  pending_payment: { label: "Awaiting payment", background: "#b45309", border: "#92400e", text: "#ffffff" },
  confirmed: { label: "Confirmed", background: "#047857", border: "#065f46", text: "#ffffff" },
  completed: { label: "Completed", background: "#0369a1", border: "#075985", text: "#ffffff" },
  no_show: { label: "No-show", background: "#b91c1c", border: "#991b1b", text: "#ffffff" },
  // Faded, not transparent: its text must stay readable (contrast) while saying "not happening".
  cancelled: { label: "Cancelled", background: "#f1f5f9", border: "#94a3b8", text: "#475569" },
};

export interface HoursEventProps {
  kind: "hours";
  date: string;
  index: number;
}

export interface AppointmentEventProps {
  kind: "appointment";
  status: AppointmentStatus;
  patientName: string;
}

/** "2026-03-02" + "09:00" → "2026-03-02T09:00:00Z"; "24:00" is the next date's midnight. */
export function wallClockAsUtc(date: string, time: string): string {
  if (time === "24:00") {
    const next = new Date(`${date}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return next.toISOString().replace(".000Z", "Z");
  }
  return `${date}T${time}:00Z`;
}

/** A grid instant back to the date's "HH:MM": the UTC fields are the wall clock (see the top of this file). */
export function timeOnDate(instant: Date, date: string): string | null {
  const iso = instant.toISOString();
  if (iso.slice(0, 10) === date) return iso.slice(11, 16);
  // Dragged down to the very end of the day: midnight after the date is "24:00".
  return iso === wallClockAsUtc(date, "24:00").replace("Z", ".000Z") ? "24:00" : null;
}

export function isoDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function hoursEvents(days: DateHours[], editing: boolean): EventInput[] {
  return days.flatMap((day) =>
    day.ranges.map((range, index) => ({
      id: `hours-${day.date}-${index}`,
      title: `${editing ? `Open ${range.startTime}–${range.endTime}` : "Open"}${day.source === "override" ? " (this date only)" : ""}`,
      start: wallClockAsUtc(day.date, range.startTime),
      end: wallClockAsUtc(day.date, range.endTime),
      display: editing ? "block" : "background",
      editable: editing,
      classNames: ["careslot-hours", day.source === "override" ? "careslot-hours-override" : "careslot-hours-weekly"],
      // Translucent colour rather than FullCalendar's faded element, so the label keeps full contrast.
      backgroundColor: editing ? "#d1fae5" : day.source === "override" ? "rgba(14, 165, 233, 0.16)" : "rgba(16, 185, 129, 0.16)",
      borderColor: editing ? "#047857" : "transparent",
      textColor: "#064e3b",
      extendedProps: { kind: "hours", date: day.date, index } satisfies HoursEventProps,
    })),
  );
}

function appointmentEvents(data: CalendarData, options: { showCancelled: boolean; editing: boolean }): EventInput[] {
  return data.appointments
    .filter((appointment) => options.showCancelled || appointment.status !== "cancelled")
    .map((appointment) => {
      const style = statusStyles[appointment.status];
      return {
        id: appointment.id,
        title: appointment.patientName,
        start: `${appointment.localStart}Z`,
        end: `${appointment.localEnd}Z`,
        // A real link, so the event is reachable by keyboard; clicks are routed client-side.
        url: `/doctor/appointments/${appointment.id}`,
        editable: false,
        // While hours are being edited, visits stay visible behind them as shading.
        display: options.editing ? "background" : "auto",
        backgroundColor: style.background,
        borderColor: style.border,
        textColor: style.text,
        classNames: [`careslot-status-${appointment.status}`],
        extendedProps: { kind: "appointment", status: appointment.status, patientName: appointment.patientName } satisfies AppointmentEventProps,
      };
    });
}

export function calendarEvents(data: CalendarData | undefined, options: { showCancelled: boolean; editing: boolean }): EventInput[] {
  if (!data) return [];
  return [...hoursEvents(data.days, options.editing), ...appointmentEvents(data, options)];
}

/** The grid's first and last hour: the day's hours and visits with an hour around them, at least 07:00–20:00. */
export function visibleHours(data: CalendarData | undefined): { slotMinTime: string; slotMaxTime: string } {
  let first = 7;
  let last = 20;
  for (const day of data?.days ?? []) {
    for (const range of day.ranges) {
      first = Math.min(first, Number(range.startTime.slice(0, 2)) - 1);
      last = Math.max(last, Math.ceil(Number(range.endTime.slice(0, 2)) + Number(range.endTime.slice(3)) / 60) + 1);
    }
  }
  for (const appointment of data?.appointments ?? []) {
    first = Math.min(first, Number(appointment.localStart.slice(11, 13)) - 1);
    // A visit ending after midnight continues on the next date's column; this column needs only its end of day.
    const end = appointment.localEnd.slice(0, 10) > appointment.localStart.slice(0, 10) ? 24 : Number(appointment.localEnd.slice(11, 13)) + 1;
    last = Math.max(last, end);
  }
  const clamp = (hour: number) => String(Math.min(24, Math.max(0, hour))).padStart(2, "0");
  return { slotMinTime: `${clamp(first)}:00:00`, slotMaxTime: `${clamp(last)}:00:00` };
}

/** The date's ranges with one replaced, sorted: what a drag or resize saves as that date's override. */
export function rangesAfterEdit(day: DateHours, index: number, next: TimeRange): TimeRange[] {
  return day.ranges.map((range, i) => (i === index ? next : range)).sort((a, b) => a.startTime.localeCompare(b.startTime));
}
