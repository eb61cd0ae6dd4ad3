"use client";

import { fieldErrorsByPath } from "@/lib/errors";
import { useState } from "react";
import { saveWeeklyHoursAction } from "@/app/doctor/availability/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { weeklyHoursFromFormData } from "@/lib/availability/form-data";
import { WEEKDAY_NAMES, weeklyHoursSchema } from "@/lib/availability/schemas";
import type { TimeRange } from "@/lib/scheduling";
import { FieldError, fieldId, FormStatus, useCheckedAction } from "./checked-form";
import { TimeRangeFields, withKey, type EditableRange } from "./time-range-fields";

function check(formData: FormData) {
  const result = weeklyHoursSchema.safeParse(weeklyHoursFromFormData(formData));
  return result.success ? null : fieldErrorsByPath(result.error);
}

/** "days.0.ranges.1.startTime" → "Monday range 2 start", for the error summary. */
function labelOf(path: string): string {
  const [, day, , index, field] = path.split(".");
  const weekday = WEEKDAY_NAMES[Number(day)] ?? "Weekly hours";
  if (index === undefined) return weekday;
  return `${weekday} range ${Number(index) + 1} ${field === "endTime" ? "end" : "start"}`;
}

/** Monday..Sunday, each with zero or more ranges, saved all at once. */
export function WeeklyHoursForm({ initial }: { initial: TimeRange[][] }) {
  const [days, setDays] = useState<EditableRange[][]>(() => initial.map((ranges) => ranges.map(withKey)));
  const { formAction, onSubmit, errors, failureMessage, successMessage } = useCheckedAction(saveWeeklyHoursAction, check);

  const setDay = (index: number, ranges: EditableRange[]) => setDays((all) => all.map((day, i) => (i === index ? ranges : day)));
  const copyMondayToWeekdays = () => setDays((all) => all.map((day, i) => (i >= 1 && i <= 4 ? all[0]!.map(withKey) : day)));

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormStatus failureMessage={failureMessage} successMessage={successMessage} errors={errors} labelOf={labelOf} />
      <div className="divide-y divide-slate-100">
        {days.map((ranges, index) => {
          const weekday = WEEKDAY_NAMES[index]!;
          const dayPath = `days.${index}.ranges`;
          const dayErrorId = `${fieldId(dayPath)}-error`;
          return (
            <fieldset
              key={weekday}
              id={fieldId(dayPath)}
              aria-describedby={errors[dayPath]?.length ? dayErrorId : undefined}
              className="py-3 first:pt-0 sm:flex sm:gap-4"
            >
              {/* Floated from sm up, the legend becomes an ordinary flex item beside its ranges; on phones it stays on top. */}
              <legend className="mb-2 font-semibold text-slate-900 sm:float-left sm:mb-0 sm:w-28 sm:shrink-0 sm:pt-6">{weekday}</legend>
              <div className="flex flex-1 flex-col gap-2">
                {ranges.length === 0 ? <p className="text-sm text-slate-600 sm:pt-6">Closed</p> : null}
                <TimeRangeFields path={dayPath} subject={weekday} ranges={ranges} onChange={(next) => setDay(index, next)} errors={errors} />
                <FieldError id={dayErrorId} messages={errors[dayPath]} />
                {index === 0 && ranges.length > 0 ? (
                  <div>
                    <button
                      type="button"
                      onClick={copyMondayToWeekdays}
                      className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:no-underline"
                    >
                      Copy Monday&apos;s hours to Tuesday–Friday
                    </button>
                  </div>
                ) : null}
              </div>
            </fieldset>
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel="Saving…">Save weekly hours</SubmitButton>
        <p className="text-sm text-slate-600">Replaces all your weekly hours at once. Date overrides below still take precedence.</p>
      </div>
    </form>
  );
}
