"use client";

import { useActionState } from "react";
import { saveSettingsAction } from "@/app/admin/settings/actions";
import type { FormState } from "@/lib/errors";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { settingsLabels } from "@/lib/admin/schemas";
import { ResultNotice } from "./form-bits";

const limits: Record<keyof typeof settingsLabels, { min: number; max: number }> = {
  cancellationWindowHours: { min: 0, max: 720 },
  bookingGraceMinutes: { min: 0, max: 1440 },
  patientFullRefundHours: { min: 0, max: 720 },
  reminderLeadMinutes: { min: 0, max: 10080 },
  paymentHoldMinutes: { min: 5, max: 1440 },
  sessionIdleMinutes: { min: 5, max: 1440 },
  accountEmailsPerAddressPerHour: { min: 1, max: 100 },
  accountEmailsPerIpPerHour: { min: 1, max: 100000 },
  registrationsPerIpPerHour: { min: 1, max: 100000 },
  signInAttemptsPerIpPer15Minutes: { min: 1, max: 100000 },
  emailBodyRetentionDays: { min: 1, max: 3650 },
  signInRecordRetentionDays: { min: 1, max: 3650 },
  maxActiveAppointmentsPerPatient: { min: 1, max: 100 },
  maxActiveAppointmentsPerPatientPerDoctor: { min: 1, max: 100 },
};

export function SettingsForm({ values }: { values: Record<keyof typeof settingsLabels, number> }) {
  const [state, formAction] = useActionState<FormState, FormData>(saveSettingsAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      <ResultNotice state={state} />
      {(Object.keys(settingsLabels) as (keyof typeof settingsLabels)[]).map((key) => (
        <Field
          key={key}
          label={`${settingsLabels[key].label} (${settingsLabels[key].unit})`}
          name={key}
          type="number"
          inputMode="numeric"
          required
          step={1}
          min={limits[key].min}
          max={limits[key].max}
          defaultValue={failed?.values?.[key] ?? String(values[key])}
          errors={failed?.fieldErrors?.[key]}
          hint={settingsLabels[key].hint}
        />
      ))}
      <div>
        <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
      </div>
    </form>
  );
}
