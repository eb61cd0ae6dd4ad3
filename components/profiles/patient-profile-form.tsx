"use client";

import { useActionState, useRef, useSyncExternalStore } from "react";
import { savePatientProfileAction } from "@/app/patient/profile/actions";
import { SelectField } from "@/components/ui/field";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { BLOOD_TYPES, GENDERS } from "@/lib/profiles/schemas";
import { FormMessage, errorsOf, valueOf } from "@/components/ui/form-state";
import { TextAreaField } from "@/components/ui/text-area-field";
import type { FormState } from "@/lib/errors";
import { PlaceFields, placeOptionsAfter, type PlaceOptions } from "@/components/places/place-fields";

export interface PatientProfileValues {
  fullName: string;
  phone: string | null;
  dateOfBirth: string | null;
  gender: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  timeZone: string;
  allergies: string | null;
  chronicConditions: string | null;
  currentMedications: string | null;
  bloodType: string | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
}

const noSubscription = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The patient's details. Their place is chosen from the lists; "near me" searches use that city's centre. */
export function PatientProfileForm({ values, timeZones, places }: { values: PatientProfileValues; timeZones: string[]; places: PlaceOptions }) {
  const [state, formAction] = useActionState<FormState, FormData>(savePatientProfileAction, null);
  const v = (name: keyof PatientProfileValues) => valueOf(state, name, values[name]);
  const e = (name: string) => errorsOf(state, name);
  const zoneSelect = useRef<HTMLSelectElement>(null);
  const browser = useSyncExternalStore(noSubscription, browserZone, () => "");
  const offerBrowserZone = browser && timeZones.includes(browser) && browser !== values.timeZone;
  return (
    <form action={formAction} className="flex flex-col gap-6">
      <FormMessage state={state} />
      <fieldset className="grid min-w-0 grid-cols-1 gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-semibold text-slate-900">About you</legend>
        <Field label="Full name" name="fullName" required maxLength={120} autoComplete="name" defaultValue={v("fullName")} errors={e("fullName")} />
        <Field
          label="Phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          defaultValue={v("phone")}
          errors={e("phone")}
          hint="Optional. Your doctors use it if a visit has to move."
        />
        <Field label="Date of birth" name="dateOfBirth" type="date" autoComplete="bday" defaultValue={v("dateOfBirth")} errors={e("dateOfBirth")} />
        <SelectField label="Gender" name="gender" defaultValue={v("gender")} errors={e("gender")} options={GENDERS} />
        <PlaceFields
          key={`${v("country")}|${v("region")}|${v("city")}`}
          idPrefix="patient"
          values={{ country: v("country"), region: v("region"), city: v("city") }}
          options={placeOptionsAfter(state, places)}
          errors={{ country: e("country"), region: e("region"), city: e("city") }}
          noScript="step"
        />
        <div className="flex flex-col gap-1">
          <SelectField
            ref={zoneSelect}
            label="Time zone"
            name="timeZone"
            defaultValue={v("timeZone")}
            errors={e("timeZone")}
            options={timeZones.map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }))}
            hint="Appointment times are shown in this zone."
          />
          {offerBrowserZone ? (
            <button
              type="button"
              onClick={() => zoneSelect.current && (zoneSelect.current.value = browser)}
              className="self-start text-sm font-medium text-brand-700 underline underline-offset-2 hover:no-underline"
            >
              Use this device&apos;s zone ({browser.replaceAll("_", " ")})
            </button>
          ) : null}
        </div>
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="font-semibold text-slate-900">Medical information</legend>
        <p className="text-sm text-slate-700">
          Optional. Shown only to the doctors you book, on your appointments with them, so they can prepare. Leave a field empty to share nothing.
        </p>
        <TextAreaField label="Allergies" name="allergies" rows={2} maxLength={1000} defaultValue={v("allergies")} errors={e("allergies")} />
        <TextAreaField
          label="Chronic conditions"
          name="chronicConditions"
          rows={2}
          maxLength={1000}
          defaultValue={v("chronicConditions")}
          errors={e("chronicConditions")}
        />
        <TextAreaField
          label="Current medications"
          name="currentMedications"
          rows={2}
          maxLength={1000}
          defaultValue={v("currentMedications")}
          errors={e("currentMedications")}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            label="Blood type"
            name="bloodType"
            defaultValue={v("bloodType")}
            errors={e("bloodType")}
            options={[{ value: "", label: "Not given" }, ...BLOOD_TYPES.map((t) => ({ value: t, label: t }))]}
          />
          <Field
            label="Emergency contact name"
            name="emergencyContactName"
            maxLength={120}
            defaultValue={v("emergencyContactName")}
            errors={e("emergencyContactName")}
          />
          <Field
            label="Emergency contact phone"
            name="emergencyContactPhone"
            type="tel"
            defaultValue={v("emergencyContactPhone")}
            errors={e("emergencyContactPhone")}
          />
        </div>
      </fieldset>
      <div>
        <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
      </div>
    </form>
  );
}
