"use client";

import { useActionState } from "react";
import { cancelAsDoctorAction, recordOutcomeAction, saveNoteAction } from "@/app/doctor/appointments/actions";
import type { FormState } from "@/lib/errors";
import { TextAreaField } from "@/components/ui/field";
import { CancelReasonField } from "./cancel-reason-field";
import { FormMessage } from "@/components/ui/form-state";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { SubmitButton } from "@/components/ui/submit-button";

const Outcome = FormMessage;

/** Shown once the visit has started: both outcomes are then allowed. Once recorded (`open` false) only the answer stays. */
export function OutcomeButtons({ appointmentId, open = true }: { appointmentId: string; open?: boolean }) {
  const [state, formAction] = useActionState<FormState, FormData>(recordOutcomeAction, null);
  if (!open) return <Outcome state={state} />;
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

/**
 * The doctor's cancel. It stays on the page once the visit is cancelled
 * (`open` false), showing only its answer, so "Cancelled — the patient has
 * been told" is seen where the button was.
 */
export function DoctorCancelForm({ appointmentId, patientName, when, open }: { appointmentId: string; patientName: string; when: string; open: boolean }) {
  const [state, formAction] = useActionState<FormState, FormData>(cancelAsDoctorAction, null);
  if (!open) return <Outcome state={state} />;
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <Outcome state={state} />
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <CancelReasonField id="doctor-cancel-reason" label="Reason for cancelling (sent to the patient)" rows={2} failed={state && !state.ok ? state : null} />
      <div>
        <ConfirmSubmit
          pendingLabel="Cancelling…"
          confirmLabel={`Cancel the visit of ${patientName}`}
          description={`${patientName}'s visit on ${when} is cancelled, refunded in full if paid, and they are emailed your reason.`}
          echo={[{ name: "reason", label: "Reason" }]}
        >
          Cancel appointment
        </ConfirmSubmit>
      </div>
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
