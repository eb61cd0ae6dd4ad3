// Which week the calendar page opens on: the doctor's current week, or the one
// `?week=YYYY-MM-DD` names (any date in it). Weeks run Monday to Sunday on the
// doctor's own calendar, as the grid shows them. Pure: "now" and the zone come in.
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { boundedDate } from "@/lib/validation/text";
import type { CalendarRange } from "./calendar-range";

export interface CalendarWeek extends CalendarRange {
  previous: string;
  next: string;
  /** The `week` asked for could not be read; the current week is shown instead. */
  refused?: string;
}

const weekParam = boundedDate({ error: "Choose the week by a date like 2026-03-31." });

function weekOf(date: Temporal.PlainDate): Omit<CalendarWeek, "refused"> {
  const monday = date.subtract({ days: date.dayOfWeek - 1 });
  return {
    start: monday.toString(),
    end: monday.add({ days: 7 }).toString(),
    previous: monday.subtract({ days: 7 }).toString(),
    next: monday.add({ days: 7 }).toString(),
  };
}

/** The doctor's week holding `requested` (a query-string value), else the one holding today in `timeZone`. */
export function calendarWeek(requested: unknown, timeZone: string, now: Date): CalendarWeek {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
  if (requested === undefined || requested === "") return weekOf(today);
  const parsed = weekParam.safeParse(requested);
  if (parsed.success) return weekOf(Temporal.PlainDate.from(parsed.data));
  return { ...weekOf(today), refused: z.prettifyError(parsed.error).replace(/^✖ /, "") };
}
