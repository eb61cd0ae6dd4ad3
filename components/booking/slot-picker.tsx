import Link from "next/link";
import type { Slot } from "@/lib/scheduling";
import type { SlotWeek } from "@/lib/booking/slot-week";
import { formatCalendarDate } from "@/lib/format";
import { ZoneName } from "@/components/ui/zone-name";
import { InPlaceGetForm } from "./in-place-get-form";
import { SlotGrid } from "./slot-grid";

export interface SlotPickerProps {
  week: SlotWeek;
  /** The free times of the shown day (`week.date`). */
  slots: Slot[];
  selectedSlot: string | undefined;
  /** The first and last dates of the booking horizon, for the date field. */
  firstDate: string;
  lastDate: string;
  /** The page the GET forms and links go back to. */
  basePath: string;
  viewerTimeZone: string;
}

/** A slot's button name: its local time, with the offset only where a fall-back night repeats it. */
function slotName(slot: Slot, day: Slot[]): string {
  const repeated = day.filter((other) => other.viewerTime === slot.viewerTime).length > 1;
  return repeated ? `${slot.viewerTime} (UTC${slot.viewerOffset})` : slot.viewerTime;
}

const times = (count: number) => (count === 1 ? "1 time" : `${count} times`);

/**
 * Date and time choice as plain GET forms and links, so it works before
 * JavaScript loads and with the keyboard alone; with JavaScript each choice
 * updates the panel in place (no reload, no jump to the top), the URL still
 * recording it. The week strip steps through the whole booking horizon.
 */
export function SlotPicker({ week, slots, selectedSlot, firstDate, lastDate, basePath, viewerTimeZone }: SlotPickerProps) {
  const dayLink = (date: string) => `${basePath}?date=${date}`;
  const weekLink =
    "inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 hover:border-brand-700";
  return (
    <div className="flex flex-col gap-4">
      <InPlaceGetForm action={basePath} className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="date" className="text-sm font-medium text-slate-800">
            Date
          </label>
          <input
            id="date"
            type="date"
            name="date"
            min={firstDate}
            max={lastDate}
            defaultValue={week.date}
            key={week.date}
            className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2"
          />
        </div>
        <button type="submit" className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold hover:bg-slate-100">
          Show times
        </button>
      </InPlaceGetForm>

      <nav aria-label="Next available days">
        <ul className="grid grid-cols-4 gap-2 sm:grid-cols-7">
          {week.days.map((day) => {
            const current = day.date === week.date;
            return (
              <li key={day.date}>
                <Link
                  href={dayLink(day.date)}
                  scroll={false}
                  replace
                  aria-current={current ? "date" : undefined}
                  className={`flex min-h-11 flex-col items-center justify-center rounded-md border px-1 py-1 text-center text-sm leading-tight ${current ? "border-brand-700 bg-brand-700 text-white" : day.times ? "border-slate-300 bg-white text-slate-800 hover:border-brand-700" : "border-dashed border-slate-300 bg-slate-50 text-slate-600"}`}
                >
                  <span className="font-medium">{formatCalendarDate(day.date)}</span>
                  <span className="sr-only">, </span>
                  <span className={`text-xs ${current ? "text-brand-50" : "text-slate-600"}`}>{day.times ? times(day.times) : "no times"}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="flex justify-between gap-2">
        {week.previousWeek ? (
          <Link href={dayLink(week.previousWeek)} scroll={false} replace className={weekLink}>
            <span aria-hidden="true">←&nbsp;</span>Previous week
          </Link>
        ) : (
          <span />
        )}
        {week.nextWeek ? (
          <Link href={dayLink(week.nextWeek)} scroll={false} replace className={weekLink}>
            Next week<span aria-hidden="true">&nbsp;→</span>
          </Link>
        ) : (
          <p className="self-center text-sm text-slate-600">Bookings open up to {formatCalendarDate(lastDate, "long")}.</p>
        )}
      </div>

      {slots.length === 0 ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-slate-800">
          <p>No free times on {formatCalendarDate(week.date, "long")}.</p>
          {week.nextFreeDate ? (
            <p className="mt-1">
              Next free day:{" "}
              <Link href={dayLink(week.nextFreeDate)} scroll={false} replace className="font-semibold text-brand-700 underline">
                {formatCalendarDate(week.nextFreeDate, "long")}
              </Link>
            </p>
          ) : (
            <p className="mt-1">No later day in the booking window has free times. Please check again later.</p>
          )}
        </div>
      ) : (
        <InPlaceGetForm action={basePath}>
          <input type="hidden" name="date" value={week.date} />
          <fieldset>
            <legend className="mb-2 font-medium text-slate-900">
              Free times on {formatCalendarDate(week.date, "long")}{" "}
              <span className="font-normal text-slate-600">
                (<ZoneName timeZone={viewerTimeZone} at={new Date(`${week.date}T12:00:00Z`)} />)
              </span>
            </legend>
            <SlotGrid slots={slots.map((slot) => ({ value: slot.startsAt.toISOString(), label: slotName(slot, slots) }))} selected={selectedSlot} />
          </fieldset>
        </InPlaceGetForm>
      )}
    </div>
  );
}
