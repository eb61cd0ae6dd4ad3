"use client";

import { fieldErrorsByPath } from "@/lib/errors";
import { saveSettingsAction } from "@/app/doctor/availability/actions";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { schedulingSettingsFromFormData } from "@/lib/availability/form-data";
import { schedulingSettingsSchema, SETTINGS_BOUNDS } from "@/lib/availability/schemas";
import { FieldError, FormStatus, useCheckedAction } from "./checked-form";

export interface SettingsValues {
  slotMinutes: number;
  bufferMinutes: number;
  minimumNoticeHours: number;
  bookingHorizonDays: number;
  timeZone: string;
  acceptingBookings: boolean;
}

function check(formData: FormData) {
  const result = schedulingSettingsSchema.safeParse(schedulingSettingsFromFormData(formData));
  return result.success ? null : fieldErrorsByPath(result.error);
}

const labels: Record<string, string> = {
  slotMinutes: "Slot length (minutes)",
  bufferMinutes: "Buffer between visits (minutes)",
  minimumNoticeHours: "Minimum notice (hours)",
  bookingHorizonDays: "Booking horizon (days)",
  timeZone: "Time zone",
  acceptingBookings: "Accepting new bookings",
};

const hints: Record<keyof typeof SETTINGS_BOUNDS, string> = {
  slotMinutes: "How long one visit is.",
  bufferMinutes: "Free time kept after each visit.",
  minimumNoticeHours: "Patients cannot book sooner than this.",
  bookingHorizonDays: "How far ahead patients can book.",
};

// The ids the error summary links to are the ones Field gives its inputs ("field-<name>").
export function SchedulingSettingsForm({ values, timeZones }: { values: SettingsValues; timeZones: string[] }) {
  const { formAction, onSubmit, errors, failureMessage, successMessage } = useCheckedAction(saveSettingsAction, check);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormStatus failureMessage={failureMessage} successMessage={successMessage} errors={errors} labelOf={(path) => labels[path] ?? path} />
      <div className="grid gap-4 sm:grid-cols-2">
        {(Object.keys(SETTINGS_BOUNDS) as (keyof typeof SETTINGS_BOUNDS)[]).map((name) => (
          <Field
            key={name}
            label={labels[name]!}
            name={name}
            type="number"
            inputMode="numeric"
            min={SETTINGS_BOUNDS[name].min}
            max={SETTINGS_BOUNDS[name].max}
            step={1}
            defaultValue={values[name]}
            hint={`${hints[name]} ${SETTINGS_BOUNDS[name].min}–${SETTINGS_BOUNDS[name].max}.`}
            errors={errors[name]}
          />
        ))}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="field-timeZone" className="text-sm font-medium text-slate-800">
          Time zone
        </label>
        <select
          id="field-timeZone"
          name="timeZone"
          defaultValue={values.timeZone}
          aria-invalid={errors.timeZone?.length ? true : undefined}
          aria-describedby={["field-timeZone-hint", errors.timeZone?.length ? "field-timeZone-error" : ""].join(" ").trim()}
          className={`rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-100 sm:w-80 ${errors.timeZone?.length ? "border-red-600" : "border-slate-300"}`}
        >
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </select>
        <p id="field-timeZone-hint" className="text-sm text-slate-600">
          Your weekly hours and overrides are read on this zone&apos;s clock, daylight saving included.
        </p>
        <FieldError id="field-timeZone-error" messages={errors.timeZone} />
      </div>
      <div className="flex flex-col gap-1">
        <label className="flex w-fit cursor-pointer items-center gap-2">
          <input
            id="field-acceptingBookings"
            type="checkbox"
            name="acceptingBookings"
            defaultChecked={values.acceptingBookings}
            className="size-4 accent-brand-700"
          />
          <span className="font-medium text-slate-800">Accepting new bookings</span>
        </label>
        <p className="text-sm text-slate-600">Untick to pause new bookings; existing appointments stay as they are.</p>
      </div>
      <div>
        <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
      </div>
    </form>
  );
}
