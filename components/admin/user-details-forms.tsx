"use client";

import { useActionState, useSyncExternalStore } from "react";
import { createWalkInPatientAction, updateUserDetailsAction } from "@/app/admin/users/actions";
import type { FormState } from "@/lib/errors";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ResultNotice } from "./form-bits";

const noSubscription = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A walk-in patient's account: the patient is emailed a link to set their password. */
export function WalkInPatientForm() {
  const [state, formAction] = useActionState<FormState, FormData>(createWalkInPatientAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  // The clinic's zone (the admin's browser) until the patient sets their own; UTC before JavaScript.
  const timeZone = useSyncExternalStore(noSubscription, browserTimeZone, () => "");
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4">
      <ResultNotice state={state} />
      <input type="hidden" name="timeZone" value={timeZone} />
      <Field label="Full name" name="fullName" id="walk-in-name" autoComplete="off" required defaultValue={values?.fullName} errors={errors?.fullName} />
      <Field
        label="Email"
        name="email"
        id="walk-in-email"
        type="email"
        autoComplete="off"
        required
        defaultValue={values?.email}
        errors={errors?.email}
        hint="The link to set a password goes to this address."
      />
      <Field label="Phone" name="phone" id="walk-in-phone" type="tel" autoComplete="off" defaultValue={values?.phone} errors={errors?.phone} hint="Optional." />
      <div>
        <SubmitButton pendingLabel="Creating…">Create patient account</SubmitButton>
      </div>
    </form>
  );
}

/** An admin corrects a user's name, email and (for a patient) phone; audited. */
export function UserDetailsForm({ user }: { user: { id: string; fullName: string; email: string; phone: string | null; isPatient: boolean } }) {
  const [state, formAction] = useActionState<FormState, FormData>(updateUserDetailsAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <ResultNotice state={state} />
      <input type="hidden" name="userId" value={user.id} />
      <Field label="Full name" name="fullName" id="user-full-name" required defaultValue={values?.fullName ?? user.fullName} errors={errors?.fullName} />
      <Field
        label="Email"
        name="email"
        id="user-email"
        type="email"
        required
        defaultValue={values?.email ?? user.email}
        errors={errors?.email}
        hint="They sign in with this address from now on."
      />
      {user.isPatient ? (
        <Field label="Phone" name="phone" id="user-phone" type="tel" defaultValue={values?.phone ?? user.phone ?? ""} errors={errors?.phone} />
      ) : null}
      <div>
        <SubmitButton pendingLabel="Saving…">Save details</SubmitButton>
      </div>
    </form>
  );
}
