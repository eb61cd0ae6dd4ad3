"use client";

import { useActionState } from "react";
import { saveDoctorProfileAction } from "@/app/doctor/profile/actions";
import { SelectField } from "@/components/ui/field";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { CURRENCIES } from "@/lib/profiles/schemas";
import { FormMessage, errorsOf, valueOf } from "@/components/ui/form-state";
import { TextAreaField } from "@/components/ui/text-area-field";
import type { FormState } from "@/lib/errors";
import { CurrentLocationButton } from "@/components/places/current-location-button";
import { PlaceFields, placeOptionsAfter, type PlaceOptions } from "@/components/places/place-fields";

export interface DoctorProfileValues {
  specializationId: string | null;
  yearsExperience: number;
  clinicName: string | null;
  price: string;
  currency: string;
  bio: string;
  languages: string;
  address: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}

/**
 * The doctor's public details. The place is chosen from the offline dataset and
 * fills the coordinates; the doctor may refine them (typed, or from the browser's
 * position). No geocoding service sees the address.
 */
export function DoctorProfileForm({
  values,
  specializations,
  places,
}: {
  values: DoctorProfileValues;
  specializations: { id: string; name: string }[];
  places: PlaceOptions;
}) {
  const [state, formAction] = useActionState<FormState, FormData>(saveDoctorProfileAction, null);
  const v = (name: keyof DoctorProfileValues) => valueOf(state, name, values[name]);
  const e = (name: string) => errorsOf(state, name);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Specialization"
          name="specializationId"
          defaultValue={v("specializationId")}
          required
          errors={e("specializationId")}
          options={[{ value: "", label: "Choose…" }, ...specializations.map((s) => ({ value: s.id, label: s.name }))]}
          hint="The list is kept by the Careslot administrators."
        />
        <Field
          label="Years of experience"
          name="yearsExperience"
          type="number"
          inputMode="numeric"
          min={0}
          max={70}
          required
          defaultValue={v("yearsExperience")}
          errors={e("yearsExperience")}
        />
        <Field label="Clinic or hospital" name="clinicName" maxLength={120} defaultValue={v("clinicName")} errors={e("clinicName")} />
        <div className="grid grid-cols-[1fr_auto] gap-3">
          <Field
            label="Consultation price"
            name="price"
            inputMode="decimal"
            required
            defaultValue={v("price")}
            errors={e("price")}
            hint="Per visit, e.g. 60 or 60.50."
          />
          <SelectField
            label="Currency"
            name="currency"
            defaultValue={v("currency")}
            errors={e("currency")}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
        </div>
      </div>
      <TextAreaField
        label="Professional bio"
        name="bio"
        rows={5}
        maxLength={2000}
        defaultValue={v("bio")}
        errors={e("bio")}
        hint="What you treat and how you work. Up to 2,000 characters."
      />
      <Field
        label="Languages spoken"
        name="languages"
        maxLength={400}
        defaultValue={v("languages")}
        errors={e("languages")}
        hint="Separate with commas, e.g. English, German."
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field label="Clinic address" name="address" maxLength={200} autoComplete="street-address" defaultValue={v("address")} errors={e("address")} />
        <PlaceFields
          key={`${v("country")}|${v("region")}|${v("city")}`}
          idPrefix="doctor"
          values={{ country: v("country"), region: v("region"), city: v("city") }}
          options={placeOptionsAfter(state, places)}
          errors={{ country: e("country"), region: e("region"), city: e("city") }}
          fillsCoordinates
          noScript="step"
        />
        <Field
          label="Latitude"
          name="latitude"
          inputMode="decimal"
          defaultValue={v("latitude")}
          errors={e("latitude")}
          hint="Filled from the city; refine it if you like. Empty: the city's centre. Used for “near me” searches."
        />
        <Field label="Longitude" name="longitude" inputMode="decimal" defaultValue={v("longitude")} errors={e("longitude")} hint="−180 to 180, e.g. 13.4050." />
        <CurrentLocationButton />
      </div>
      <div>
        <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
      </div>
    </form>
  );
}
