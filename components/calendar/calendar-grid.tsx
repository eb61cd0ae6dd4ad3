"use client";

import type { DateSelectArg, EventApi, EventClickArg, EventDropArg, EventInput, EventMountArg } from "@fullcalendar/core";
import dayGridPlugin from "@fullcalendar/daygrid";
import interactionPlugin, { type EventResizeDoneArg } from "@fullcalendar/interaction";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import type { CalendarRange } from "@/lib/availability/calendar-range";
import type { TimeRange } from "@/lib/scheduling";
import { isoDateOf, timeOnDate } from "@/lib/availability/calendar-grid-time";
import { appointmentLabel, type AppointmentEventProps, type CalendarEventProps, type HoursEventProps } from "./calendar-events";
import { renderEventContent } from "./event-content";
import "./calendar.css";

// FullCalendar touches `window` as it loads: this module is only ever imported
// through `dynamic(..., { ssr: false })` (see calendar-board.tsx).

export interface CalendarGridProps {
  events: EventInput[];
  editing: boolean;
  slotMinTime: string;
  slotMaxTime: string;
  /** Weekend days the week view leaves out (quietWeekendDays): nothing is on them. */
  hiddenWeekDays: number[];
  /** The doctor's wall clock now, as a UTC-coerced instant (see calendar-events.ts). */
  now: () => Date;
  /** The first date shown ("YYYY-MM-DD"): the week the page was asked for. */
  initialDate?: string;
  onRangeChange: (range: CalendarRange) => void;
  onHoursChanged: (change: { date: string; index: number; range: TimeRange; revert: () => void }) => void;
  onHoursAdded: (change: { date: string; range: TimeRange }) => void;
  onOpenAppointment: (href: string) => void;
}

const hourMinute = { hour: "2-digit", minute: "2-digit", hour12: false } as const;

/** A block's new times on its own date, or null when it would leave that date. */
function rangeOnDate(start: Date | null, end: Date | null, date: string): TimeRange | null {
  if (!start || !end || isoDateOf(start) !== date) return null;
  const endTime = timeOnDate(end, date);
  return endTime ? { startTime: start.toISOString().slice(11, 16), endTime } : null;
}

export default function CalendarGrid(props: CalendarGridProps) {
  function changed(info: EventDropArg | EventResizeDoneArg) {
    const hours = info.event.extendedProps as HoursEventProps;
    const range = rangeOnDate(info.event.start, info.event.end, hours.date);
    if (hours.kind !== "hours" || !range) return info.revert();
    props.onHoursChanged({ date: hours.date, index: hours.index, range, revert: info.revert });
  }

  function selected(info: DateSelectArg) {
    const date = isoDateOf(info.start);
    const range = rangeOnDate(info.start, info.end, date);
    info.view.calendar.unselect();
    if (range) props.onHoursAdded({ date, range });
  }

  function clicked(info: EventClickArg) {
    if ((info.event.extendedProps as AppointmentEventProps).kind !== "appointment" || !info.event.url) return;
    // Stay a single-page app; the event is still a real link for keyboard and middle-click.
    info.jsEvent.preventDefault();
    props.onOpenAppointment(info.event.url);
  }

  function mounted(info: EventMountArg) {
    const extra = info.event.extendedProps as CalendarEventProps;
    if (extra.kind !== "appointment") return;
    // The chip may cut the reason short: the tooltip and the link's name carry everything.
    const label = appointmentLabel(extra);
    info.el.title = label;
    info.el.setAttribute("aria-label", label);
  }

  return (
    <FullCalendar
      plugins={[timeGridPlugin, dayGridPlugin, interactionPlugin]}
      // A week of seven columns is unreadable on a phone; start narrow screens on one day.
      initialView={typeof window !== "undefined" && window.innerWidth < 640 ? "timeGridDay" : "timeGridWeek"}
      initialDate={props.initialDate}
      timeZone="UTC"
      // en-GB like the rest of the app ("Mon 23", 24-hour times); Monday first, as clinics plan their week.
      locale="en-GB"
      now={props.now}
      firstDay={1}
      headerToolbar={{ left: "prev,next today", center: "title", right: "timeGridWeek,timeGridDay,dayGridMonth" }}
      // Text, not FullCalendar's icon fonts: its icon spans carry role="img" without a name.
      buttonText={{ prev: "Previous", next: "Next", today: "Today", week: "Week", day: "Day", month: "Month" }}
      buttonHints={{ prev: "Previous $1", next: "Next $1", today: "Go to today" }}
      height="auto"
      allDaySlot={false}
      nowIndicator
      slotMinTime={props.slotMinTime}
      slotMaxTime={props.slotMaxTime}
      slotDuration="00:30:00"
      snapDuration="00:15:00"
      slotLabelFormat={hourMinute}
      // Compact: a visit shows when it starts ("10:00"); its end is in the tooltip and accessible name.
      eventTimeFormat={hourMinute}
      displayEventEnd={false}
      eventContent={renderEventContent}
      // Week columns name their date; the day view its full date; month columns only the weekday (the cells carry the date).
      views={{
        timeGridWeek: { dayHeaderFormat: { weekday: "short", day: "numeric" }, hiddenDays: props.hiddenWeekDays },
        timeGridDay: { dayHeaderFormat: { weekday: "long", day: "numeric", month: "long" } },
        dayGridMonth: { dayHeaderFormat: { weekday: "short" } },
      }}
      dayMaxEvents
      // Side by side rather than stacked, so a visit stays readable next to an hours block being edited.
      slotEventOverlap={false}
      events={props.events}
      editable={false}
      selectable={props.editing}
      selectMirror
      // Hours move within their own date only: each date's hours are saved as that date's override.
      eventAllow={(span, event: EventApi | null) => {
        const hours = event?.extendedProps as HoursEventProps | undefined;
        return hours?.kind === "hours" && rangeOnDate(span.start, span.end, hours.date) !== null;
      }}
      selectAllow={(span) => rangeOnDate(span.start, span.end, isoDateOf(span.start)) !== null}
      eventDrop={changed}
      eventResize={changed}
      select={selected}
      eventClick={clicked}
      eventDidMount={mounted}
      // FullCalendar names a month cell by its date alone, which its visits' text then contradicts
      // (axe: label-content-name-mismatch); named by its content instead, the cell reads "7 10:00 Anna Keller".
      dayCellDidMount={(info) => info.el.removeAttribute("aria-labelledby")}
      datesSet={(info) => props.onRangeChange({ start: isoDateOf(info.start), end: isoDateOf(info.end) })}
    />
  );
}
