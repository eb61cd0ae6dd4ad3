// CalendarData → FullCalendar events. The grid shows the doctor's wall clock
// written as UTC; why, and the helpers for it, are in lib/availability/calendar-grid-time.ts.
import type { EventInput } from "@fullcalendar/core";
import type { CalendarData, CalendarDay } from "@/lib/availability/calendar-range";
import { rangesWithout, wallClockAsUtc } from "@/lib/availability/calendar-grid-time";
import type { AppointmentStatus } from "@/lib/vocabulary";

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
  reason: string;
  /** "HH:MM" on the doctor's clock, for the tooltip and the accessible name. */
  startTime: string;
  endTime: string;
}

export interface SkippedEventProps {
  kind: "skipped";
}

export type CalendarEventProps = HoursEventProps | AppointmentEventProps | SkippedEventProps;

/**
 * "10:00 Anna Keller, Back pain, until 10:30, Confirmed": the visit's tooltip
 * and accessible name. It starts with what the chip shows, in the chip's order
 * (time, name, reason), so the name a speech-input user reads off the screen
 * is part of it (WCAG 2.5.3, axe's label-content-name-mismatch).
 */
export function appointmentLabel(event: AppointmentEventProps): string {
  const reason = event.reason ? `, ${event.reason}` : "";
  return `${event.startTime} ${event.patientName}${reason}, until ${event.endTime}, ${statusStyles[event.status].label}`;
}

/**
 * Each date's open hours. Shown (not edited), a block leaves out the time its
 * zone skips that night, so the spring-forward hour is never drawn as open;
 * edited, blocks stay as stored, since a drag saves the stored range it moved.
 */
function hoursEvents(days: CalendarDay[], editing: boolean): EventInput[] {
  return days.flatMap((day) =>
    day.ranges.flatMap((stored, index) =>
      (editing ? [stored] : rangesWithout([stored], day.skipped)).map((range, piece) => ({
        id: `hours-${day.date}-${index}-${piece}`,
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
    ),
  );
}

/** The night's skipped time, drawn hatched and named, so a doctor sees why that hour is never open. */
function skippedEvents(days: CalendarDay[]): EventInput[] {
  return days.flatMap((day) =>
    day.skipped.map((range, index) => ({
      id: `skipped-${day.date}-${index}`,
      title: "Clocks go forward: this time does not exist",
      start: wallClockAsUtc(day.date, range.startTime),
      end: wallClockAsUtc(day.date, range.endTime),
      display: "background",
      editable: false,
      classNames: ["careslot-skipped"],
      backgroundColor: "#e2e8f0",
      textColor: "#334155",
      extendedProps: { kind: "skipped" } satisfies SkippedEventProps,
    })),
  );
}

function appointmentEvents(data: CalendarData, showCancelled: boolean): EventInput[] {
  return data.appointments
    .filter((appointment) => showCancelled || appointment.status !== "cancelled")
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
        backgroundColor: style.background,
        borderColor: style.border,
        textColor: style.text,
        classNames: [`careslot-status-${appointment.status}`],
        extendedProps: {
          kind: "appointment",
          status: appointment.status,
          patientName: appointment.patientName,
          reason: appointment.reason,
          startTime: appointment.localStart.slice(11, 16),
          endTime: appointment.localEnd.slice(11, 16),
        } satisfies AppointmentEventProps,
      };
    });
}

export function calendarEvents(data: CalendarData | undefined, options: { showCancelled: boolean; editing: boolean }): EventInput[] {
  if (!data) return [];
  // While hours are edited, visits stay in the grid beside them (never draggable) so a doctor sees what a change would leave outside.
  return [...hoursEvents(data.days, options.editing), ...skippedEvents(data.days), ...appointmentEvents(data, options.showCancelled)];
}
