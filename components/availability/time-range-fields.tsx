"use client";

import { MAX_RANGES_PER_DAY } from "@/lib/availability/schemas";
import { useHydrated } from "@/components/ui/use-hydrated";
import { FieldError, fieldId, type FieldErrors } from "./checked-form";

export interface EditableRange {
  key: number;
  startTime: string;
  endTime: string;
}

let nextKey = 0;
/** A stable React key for a new row; never sent anywhere. */
export function withKey(range: { startTime: string; endTime: string }): EditableRange {
  nextKey += 1;
  return { key: nextKey, ...range };
}

const inputClasses =
  "w-36 rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-100";

/**
 * A day's editable ranges. Input names are schema paths (`${path}.0.startTime`),
 * so FormData parses straight into the schema's shape and errors come back to
 * the right input. Each label reads in full to assistive technology ("Monday
 * range 1 start") while the screen shows the short "Start".
 */
export function TimeRangeFields({
  path,
  subject,
  ranges,
  onChange,
  errors,
  scope = "",
}: {
  /** "days.0.ranges" or "ranges". */
  path: string;
  /** "Monday", or "Override": the start of every label. */
  subject: string;
  ranges: EditableRange[];
  onChange: (ranges: EditableRange[]) => void;
  errors: FieldErrors;
  scope?: string;
}) {
  const update = (key: number, field: "startTime" | "endTime", value: string) =>
    onChange(ranges.map((range) => (range.key === key ? { ...range, [field]: value } : range)));
  const remove = (key: number) => onChange(ranges.filter((range) => range.key !== key));
  // "+ Add range" and "Remove" need scripts. Without them the day offers one empty row to fill in,
  // and a range whose start and end are cleared is removed (lib/availability/form-data.ts).
  const hydrated = useHydrated();
  const rows = hydrated || ranges.length >= MAX_RANGES_PER_DAY ? ranges : [...ranges, { key: -1, startTime: "", endTime: "" }];
  const add = () => {
    // A new range starts where the last one ended, the usual next step (lunch break aside).
    const last = ranges[ranges.length - 1];
    onChange([...ranges, withKey(last ? { startTime: last.endTime, endTime: "" } : { startTime: "09:00", endTime: "17:00" })]);
  };

  return (
    <div className="flex flex-col gap-2">
      {rows.map((range, index) => {
        const label = `${subject} range ${index + 1}`;
        const fields = (["startTime", "endTime"] as const).map((field) => {
          const name = `${path}.${index}.${field}`;
          const id = fieldId(name, scope);
          return { field, name, id, messages: errors[name] };
        });
        return (
          <div key={range.key} className="flex flex-col gap-1">
            <div className="flex flex-wrap items-end gap-x-3 gap-y-1">
              {fields.map(({ field, name, id, messages }) => (
                <div key={field} className="flex flex-col gap-1">
                  {/* Every input has its label; after the first row the short visible part is hidden, the full name stays. */}
                  <label htmlFor={id} className={index === 0 ? "text-xs font-medium text-slate-700" : "sr-only"}>
                    <span className="sr-only">{label} </span>
                    {field === "startTime" ? "Start" : "End"}
                  </label>
                  <input
                    id={id}
                    name={name}
                    type="time"
                    value={range[field]}
                    onChange={(event) => update(range.key, field, event.target.value)}
                    aria-invalid={messages?.length ? true : undefined}
                    aria-describedby={messages?.length ? `${id}-error` : undefined}
                    className={`${inputClasses} ${messages?.length ? "border-red-600" : "border-slate-300"}`}
                  />
                </div>
              ))}
              {hydrated ? (
                <button
                  type="button"
                  onClick={() => remove(range.key)}
                  aria-label={`Remove ${label}`}
                  className="rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-red-50 hover:text-red-800"
                >
                  Remove
                </button>
              ) : null}
            </div>
            {/* Under the row, not the input, so a long message never pushes the row apart; the red border shows which field. */}
            {fields.map(({ field, id, messages }) => (
              <FieldError key={field} id={`${id}-error`} messages={messages} />
            ))}
          </div>
        );
      })}
      {hydrated ? null : <p className="text-xs text-slate-600">Fill in the empty row to add a range; clear a range&apos;s start and end to remove it.</p>}
      <div hidden={!hydrated}>
        <button
          type="button"
          onClick={add}
          disabled={ranges.length >= MAX_RANGES_PER_DAY}
          className="rounded-md border border-dashed border-slate-300 px-3 py-1.5 text-sm font-medium text-brand-700 hover:border-brand-700 hover:bg-brand-50 disabled:cursor-not-allowed disabled:text-slate-500"
        >
          + Add range<span className="sr-only"> to {subject}</span>
        </button>
      </div>
    </div>
  );
}
