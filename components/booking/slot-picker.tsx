import Link from "next/link";
import type { Slot } from "@/lib/scheduling";
import { formatCalendarDate } from "@/lib/format";
import { ZoneName } from "@/components/ui/zone-name";

export interface SlotDay {
  date: string;
  slots: Slot[];
}

interface SlotPickerProps {
  days: SlotDay[];
  selectedDate: string | undefined;
  selectedSlot: string | undefined;
  /** The page the GET forms and links go back to. */
  basePath: string;
  viewerTimeZone: string;
}

/** A slot's button name: its local time, with the offset only where a fall-back night repeats it. */
function slotName(slot: Slot, day: Slot[]): string {
  const repeated = day.filter((other) => other.viewerTime === slot.viewerTime).length > 1;
  return repeated ? `${slot.viewerTime} (UTC${slot.viewerOffset})` : slot.viewerTime;
}

/**
 * Date and time choice as plain GET forms and links, so it works before
 * JavaScript loads and with the keyboard alone: Tab to a time, Enter.
 */
export function SlotPicker({ days, selectedDate, selectedSlot, basePath, viewerTimeZone }: SlotPickerProps) {
  if (days.length === 0) {
    return <p className="text-slate-700">No free times in the booking window. Please check again later.</p>;
  }
  const day = days.find((d) => d.date === selectedDate) ?? days[0];
  const first = days[0].date;
  const last = days[days.length - 1].date;
  return (
    <div className="flex flex-col gap-4">
      <form method="get" action={basePath} className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="date" className="text-sm font-medium text-slate-800">
            Date
          </label>
          <input
            id="date"
            type="date"
            name="date"
            min={first}
            max={last}
            defaultValue={day.date}
            className="rounded-md border border-slate-300 bg-white px-3 py-2"
          />
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold hover:bg-slate-100">
          Show times
        </button>
      </form>

      <nav aria-label="Next available days">
        <ul className="flex flex-wrap gap-2">
          {days.slice(0, 7).map((d) => (
            <li key={d.date}>
              <Link
                href={`${basePath}?date=${d.date}`}
                aria-current={d.date === day.date ? "date" : undefined}
                className={`block rounded-md border px-3 py-1.5 text-sm ${d.date === day.date ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-800 hover:border-brand-700"}`}
              >
                {formatCalendarDate(d.date)} <span className="sr-only">, </span>
                <span className={d.date === day.date ? "text-brand-50" : "text-slate-600"}>({d.slots.length} times)</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <form method="get" action={basePath}>
        <input type="hidden" name="date" value={day.date} />
        <fieldset>
          <legend className="mb-2 font-medium text-slate-900">
            Free times on {formatCalendarDate(day.date, "long")}{" "}
            <span className="font-normal text-slate-600">
              (<ZoneName timeZone={viewerTimeZone} at={new Date(`${day.date}T12:00:00Z`)} />)
            </span>
          </legend>
          <div className="grid grid-cols-3 gap-2 sm:grid-cols-5 lg:grid-cols-6">
            {day.slots.map((slot) => {
              const value = slot.startsAt.toISOString();
              const selected = value === selectedSlot;
              return (
                <button
                  key={value}
                  type="submit"
                  name="slot"
                  value={value}
                  aria-pressed={selected}
                  className={`rounded-md border px-2 py-2 text-sm font-semibold tabular-nums ${selected ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-900 hover:border-brand-700"}`}
                >
                  {slotName(slot, day.slots)}
                </button>
              );
            })}
          </div>
        </fieldset>
      </form>
    </div>
  );
}

/** The selected slot if it is still on offer (a stale or forged value is simply ignored). */
export function findSelectedSlot(days: SlotDay[], slot: string | undefined): Slot | undefined {
  if (!slot) return undefined;
  for (const day of days) for (const candidate of day.slots) if (candidate.startsAt.toISOString() === slot) return candidate;
  return undefined;
}
