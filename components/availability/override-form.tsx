"use client";

import { fieldErrorsByPath } from "@/lib/errors";
import { useState } from "react";
import { saveOverrideAction } from "@/app/doctor/availability/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { dateOverrideFromFormData } from "@/lib/availability/form-data";
import { dateOverrideSchema } from "@/lib/availability/schemas";
import { FieldError, fieldId, FormStatus, useCheckedAction } from "./checked-form";
import { TimeRangeFields, withKey, type EditableRange } from "./time-range-fields";

const SCOPE = "override-";

function check(formData: FormData) {
  const result = dateOverrideSchema.safeParse(dateOverrideFromFormData(formData));
  return result.success ? null : fieldErrorsByPath(result.error);
}

function labelOf(path: string): string {
  if (path === "date") return "Date";
  if (path === "kind") return "Hours";
  const [, index, field] = path.split(".");
  if (index === undefined) return "Custom hours";
  return `Override range ${Number(index) + 1} ${field === "endTime" ? "end" : "start"}`;
}

/** One date's hours instead of its weekday's: closed all day, or custom ranges. */
export function OverrideForm({ today }: { today: string }) {
  const [kind, setKind] = useState<"closed" | "custom">("closed");
  const [ranges, setRanges] = useState<EditableRange[]>(() => [withKey({ startTime: "09:00", endTime: "13:00" })]);
  const { formAction, onSubmit, errors, failureMessage, successMessage } = useCheckedAction(saveOverrideAction, check);
  const dateId = fieldId("date", SCOPE);
  const kindId = fieldId("kind", SCOPE);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormStatus failureMessage={failureMessage} successMessage={successMessage} errors={errors} labelOf={labelOf} scope={SCOPE} />
      <div className="flex flex-col gap-1">
        <label htmlFor={dateId} className="text-sm font-medium text-slate-800">
          Date
        </label>
        <input
          id={dateId}
          name="date"
          type="date"
          min={today}
          required
          aria-invalid={errors.date?.length ? true : undefined}
          aria-describedby={errors.date?.length ? `${dateId}-error` : undefined}
          className={`w-48 rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-100 ${errors.date?.length ? "border-red-600" : "border-slate-300"}`}
        />
        <FieldError id={`${dateId}-error`} messages={errors.date} />
      </div>
      <fieldset id={kindId} aria-describedby={errors.kind?.length ? `${kindId}-error` : undefined} className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">Hours on that date</legend>
        <div className="flex flex-wrap gap-3">
          {(["closed", "custom"] as const).map((value) => (
            <label
              key={value}
              className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
            >
              <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} className="accent-brand-700" />
              <span className="font-medium">{value === "closed" ? "Closed all day" : "Custom hours"}</span>
            </label>
          ))}
        </div>
        <FieldError id={`${kindId}-error`} messages={errors.kind} />
      </fieldset>
      {kind === "custom" ? (
        <fieldset id={fieldId("ranges", SCOPE)} aria-describedby={errors.ranges?.length ? `${fieldId("ranges", SCOPE)}-error` : undefined}>
          <legend className="mb-2 text-sm font-medium text-slate-800">Custom hours</legend>
          <TimeRangeFields path="ranges" subject="Override" ranges={ranges} onChange={setRanges} errors={errors} scope={SCOPE} />
          <FieldError id={`${fieldId("ranges", SCOPE)}-error`} messages={errors.ranges} />
        </fieldset>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel="Adding…">Add override</SubmitButton>
        <p className="text-sm text-slate-600">Replaces that date&apos;s weekly hours, and any override the date already had.</p>
      </div>
    </form>
  );
}
