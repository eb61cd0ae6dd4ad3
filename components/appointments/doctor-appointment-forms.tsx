"use client";

import { useActionState } from "react";
import { cancelAsDoctorAction, recordOutcomeAction, saveNoteAction } from "@/app/doctor/appointments/actions";
import type { FormState } from "@/lib/errors";
import { TextAreaField } from "@/components/ui/field";
import { CancelReasonField } from "./cancel-reason-field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

function Outcome({ state }: { state: FormState }) {
  if (!state) return null;
  return <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>;
}

/** Shown once the visit has started: both outcomes are then allowed. */
export function OutcomeButtons({ appointmentId }: { appointmentId: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(recordOutcomeAction, null);
  return (
    <div className="flex flex-col gap-2">
      <Outcome state={state} />
      <div className="flex flex-wrap gap-2">
        <form action={formAction}>
          <input type="hidden" name="appointmentId" value={appointmentId} />
          <input type="hidden" name="outcome" value="completed" />
          <SubmitButton pendingLabel="Saving…">Mark completed</SubmitButton>
        </form>
        <form action={formAction}>
          <input type="hidden" name="appointmentId" value={appointmentId} />
          <input type="hidden" name="outcome" value="no_show" />
          <SubmitButton variant="secondary" pendingLabel="Saving…">
            Mark no-show
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}

export function DoctorCancelForm({ appointmentId }: { appointmentId: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(cancelAsDoctorAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <Outcome state={state} />
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <CancelReasonField id="doctor-cancel-reason" label="Reason for cancelling (sent to the patient)" rows={2} failed={state && !state.ok ? state : null} />
      <SubmitButton variant="danger" pendingLabel="Cancelling…">
        Cancel appointment
      </SubmitButton>
    </form>
  );
}

export function ConsultationNoteForm({ appointmentId, body, patientSummary }: { appointmentId: string; body: string; patientSummary: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(saveNoteAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <Outcome state={state} />
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <TextAreaField
        id="note-body"
        name="body"
        label="Consultation notes"
        hint="Private to you."
        rows={6}
        defaultValue={values?.body ?? body}
        errors={errors?.body}
      />
      <TextAreaField
        id="note-summary"
        name="patientSummary"
        label="Summary for the patient"
        hint="The patient sees this; leave it empty to share nothing."
        rows={3}
        defaultValue={values?.patientSummary ?? patientSummary}
        errors={errors?.patientSummary}
      />
      <SubmitButton pendingLabel="Saving…">Save notes</SubmitButton>
    </form>
  );
}
