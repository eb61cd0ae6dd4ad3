import type { EventContentArg } from "@fullcalendar/core";
import { statusStyles, type AppointmentEventProps, type CalendarEventProps } from "./calendar-events";

// Visits drawn by us; open hours and skipped time keep FullCalendar's own
// markup. The full text of a visit is always its tooltip and accessible name
// (calendar-grid.tsx, eventDidMount), so what is dropped here for room is
// never lost.

const TWO_LINES_FROM_MINUTES = 45;

/**
 * A visit in the week or day grid. On one line: the start time (shown only
 * where there is room to spare, as in the day view: in a week column the
 * grid's axis says it, and the name and reason need the room), the patient's
 * name, which keeps its full width first, and the reason, which gives way with
 * an ellipsis when the line is too short for it (at 1366 px a week column holds
 * a name and a short reason). A visit long enough for two lines puts the
 * reason on the second.
 */
function TimeGridVisit({ time, visit, twoLines }: { time: string; visit: AppointmentEventProps; twoLines: boolean }) {
  const reason = visit.reason ? (
    <span className={`careslot-visit-reason ${twoLines ? "block truncate" : "min-w-[3em] truncate font-normal"}`}>{visit.reason}</span>
  ) : null;
  return (
    <span className="@container block h-full text-xs leading-5">
      {/* The spaces between the parts keep the chip's text a run of words that its accessible name contains
          (axe: label-content-name-mismatch); the flex layout ignores them. */}
      <span className="flex min-w-0 items-baseline gap-1 overflow-hidden whitespace-nowrap">
        <span className="shrink-0 tabular-nums @max-[16rem]:hidden">{time}</span>{" "}
        <span className="careslot-visit-name max-w-full shrink-0 truncate font-semibold">{visit.patientName}</span>
        {twoLines ? null : <> {reason}</>}
      </span>
      {twoLines ? <span className="block"> {reason}</span> : null}
    </span>
  );
}

/**
 * A visit in a month cell: a status square, the time and the name, wrapping
 * rather than cut off. In a cell too narrow for a name (a phone) it is the
 * time alone, marked with the status colour.
 */
function MonthVisit({ time, visit }: { time: string; visit: AppointmentEventProps }) {
  const colour = statusStyles[visit.status].background;
  return (
    <span className="@container block w-full min-w-0">
      <span className="flex min-w-0 items-start gap-1 px-0.5 text-xs leading-4 whitespace-normal text-slate-900">
        <span aria-hidden="true" className="mt-1 inline-block size-2 shrink-0 rounded-sm @max-[5rem]:hidden" style={{ background: colour }} />
        <span className="min-w-0">
          <span className="border-l-0 tabular-nums text-slate-700 @max-[5rem]:border-l-[3px] @max-[5rem]:pl-0.5" style={{ borderColor: colour }}>
            {time}
          </span>{" "}
          <span className="careslot-visit-name font-semibold @max-[5rem]:hidden">{visit.patientName}</span>
        </span>
      </span>
    </span>
  );
}

/** FullCalendar's eventContent: our markup for visits, FullCalendar's own for hours and skipped time. */
export function renderEventContent(arg: EventContentArg) {
  const props = arg.event.extendedProps as CalendarEventProps;
  if (props.kind !== "appointment") return true;
  if (arg.view.type === "dayGridMonth") return <MonthVisit time={arg.timeText} visit={props} />;
  const minutes = arg.event.start && arg.event.end ? (arg.event.end.getTime() - arg.event.start.getTime()) / 60_000 : 0;
  return <TimeGridVisit time={arg.timeText} visit={props} twoLines={minutes >= TWO_LINES_FROM_MINUTES} />;
}
