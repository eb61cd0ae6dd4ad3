import type { EventContentArg } from "@fullcalendar/core";
import { statusStyles, type AppointmentEventProps, type CalendarEventProps } from "./calendar-events";

/**
 * A visit on the grid, on one line: the start time (dropped by a container
 * query when the event is too narrow for it: the grid's own axis shows it),
 * the patient's name, which keeps its full width first, and the reason, which
 * gives way with an ellipsis. The full text is the event's tooltip and
 * accessible name (calendar-grid.tsx, eventDidMount).
 */
function TimeGridVisit({ time, visit }: { time: string; visit: AppointmentEventProps }) {
  return (
    <span className="@container block h-full">
      <span className="flex min-w-0 items-baseline gap-1 overflow-hidden px-0.5 text-xs leading-5 whitespace-nowrap">
        <span className="shrink-0 tabular-nums @max-[10rem]:hidden">{time}</span>
        <span className="careslot-visit-name max-w-full shrink-0 truncate font-semibold">{visit.patientName}</span>
        {visit.reason ? <span className="min-w-[3em] truncate">· {visit.reason}</span> : null}
      </span>
    </span>
  );
}

/** A visit in a month cell: a status square, the time and the name, wrapping rather than cut off. */
function MonthVisit({ time, visit }: { time: string; visit: AppointmentEventProps }) {
  return (
    <span className="flex min-w-0 items-start gap-1 px-0.5 text-xs leading-4 whitespace-normal text-slate-900">
      <span aria-hidden="true" className="mt-1 inline-block size-2 shrink-0 rounded-sm" style={{ background: statusStyles[visit.status].background }} />
      <span className="min-w-0 [overflow-wrap:anywhere]">
        <span className="tabular-nums text-slate-700">{time}</span> <span className="careslot-visit-name font-semibold">{visit.patientName}</span>
      </span>
    </span>
  );
}

/** FullCalendar's eventContent: our markup for visits, FullCalendar's own for hours and skipped time. */
export function renderEventContent(arg: EventContentArg) {
  const props = arg.event.extendedProps as CalendarEventProps;
  if (props.kind !== "appointment") return true;
  return arg.view.type === "dayGridMonth" ? <MonthVisit time={arg.timeText} visit={props} /> : <TimeGridVisit time={arg.timeText} visit={props} />;
}
