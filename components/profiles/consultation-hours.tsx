import { ZoneName } from "@/components/ui/zone-name";
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export interface HoursRow {
  weekday: number;
  startTime: string;
  endTime: string;
}

/** Weekly hours as kept on the availability page, grouped by day; closed days are named too. */
export function ConsultationHours({ hours, timeZone }: { hours: HoursRow[]; timeZone: string }) {
  if (hours.length === 0) return <p className="text-sm text-slate-700">No weekly hours set.</p>;
  const byDay = WEEKDAYS.map((name, i) => ({
    name,
    ranges: hours.filter((h) => h.weekday === i + 1).map((h) => `${h.startTime}–${h.endTime}`),
  }));
  return (
    <div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {byDay.map((day) => (
          <div key={day.name} className="contents">
            <dt className="text-slate-600">{day.name}</dt>
            <dd className={day.ranges.length ? "tabular-nums text-slate-900" : "text-slate-500"}>{day.ranges.length ? day.ranges.join(", ") : "Closed"}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-slate-600">
        Local time in <ZoneName timeZone={timeZone} />. Exceptions (holidays, extra days) show in the free times.
      </p>
    </div>
  );
}
