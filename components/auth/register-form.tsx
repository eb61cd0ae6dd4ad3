"use client";

import { useActionState, useSyncExternalStore } from "react";
import { registerAction } from "@/app/(auth)/actions";
import type { FormState } from "@/lib/errors";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { GoogleButton, OrDivider } from "./google-button";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-length";
import { PlaceFields, placeOptionsAfter, type PlaceOptions } from "@/components/places/place-fields";

const noSubscription = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `google`: "Continue with Google" is configured; the role, chosen first, applies to it too. */
export function RegisterForm({ next, places, google = false }: { next?: string; places: PlaceOptions; google?: boolean }) {
  const [state, formAction] = useActionState<FormState, FormData>(registerAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  // The browser knows the user's zone; the server render cannot, so it is filled in after hydration.
  const timeZone = useSyncExternalStore(noSubscription, browserTimeZone, () => "");
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="timeZone" value={timeZone} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <fieldset className="flex flex-col gap-2" aria-describedby={errors?.role ? "role-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">I am a</legend>
        <div className="flex gap-3">
          {(["patient", "doctor"] as const).map((role) => (
            <label
              key={`${role}-${values?.role}`}
              className="flex flex-1 cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
            >
              <input type="radio" name="role" value={role} defaultChecked={role === (values?.role ?? "patient")} className="accent-brand-700" />
              <span className="font-medium">{role === "patient" ? "Patient" : "Doctor"}</span>
            </label>
          ))}
        </div>
        {errors?.role ? (
          <p id="role-error" className="text-sm font-medium text-red-700">
            {errors.role.join(" ")}
          </p>
        ) : null}
      </fieldset>
      {google ? (
        <>
          <GoogleButton />
          <OrDivider label="or with your email" />
        </>
      ) : null}
      <Field
        label="Full name"
        name="fullName"
        autoComplete="name"
        required
        defaultValue={values?.fullName}
        key={`name-${values?.fullName}`}
        errors={errors?.fullName}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={values?.email}
        key={`email-${values?.email}`}
        errors={errors?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A short sentence is easy to remember.`}
        errors={errors?.password}
      />
      <fieldset className="flex min-w-0 flex-col gap-3" aria-describedby="where-hint">
        <legend className="mb-1 text-sm font-medium text-slate-800">Where are you?</legend>
        <p id="where-hint" className="text-sm text-slate-600">
          Optional. Lets us show doctors near you; you can change it on your profile.
        </p>
        <PlaceFields
          key={`${values?.country}|${values?.region}|${values?.city}`}
          idPrefix="register"
          values={{ country: values?.country ?? "", region: values?.region ?? "", city: values?.city ?? "" }}
          options={placeOptionsAfter(state, places)}
          errors={{ country: errors?.country, region: errors?.region, city: errors?.city }}
          noScript="step"
        />
      </fieldset>
      <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
    </form>
  );
}
