"use client";

import { useActionState } from "react";
import { cancelAsDoctorAction, recordOutcomeAction, saveNoteAction, type DoctorFormState } from "@/app/doctor/appointments/actions";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

function Outcome({ state }: { state: DoctorFormState }) {
  if (!state) return null;
  return <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>;
}

/** Shown once the visit has started: both outcomes are then allowed. */
export function OutcomeButtons({ appointmentId }: { appointmentId: string }) {
  const [state, formAction] = useActionState<DoctorFormState, FormData>(recordOutcomeAction, null);
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
  const [state, formAction] = useActionState<DoctorFormState, FormData>(cancelAsDoctorAction, null);
  const error = state && !state.ok ? state.fieldErrors?.reason?.join(" ") : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <Outcome state={state} />
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <label htmlFor="doctor-cancel-reason" className="text-sm font-medium">
        Reason for cancelling (sent to the patient)
      </label>
      <textarea
        id="doctor-cancel-reason"
        name="reason"
        rows={2}
        required
        minLength={3}
        maxLength={500}
        defaultValue={state && !state.ok ? state.values?.reason : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "doctor-cancel-reason-error" : undefined}
        className="rounded-md border border-slate-300 bg-white px-3 py-2"
      />
      {error ? (
        <p id="doctor-cancel-reason-error" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <SubmitButton variant="danger" pendingLabel="Cancelling…">
        Cancel appointment
      </SubmitButton>
    </form>
  );
}

export function ConsultationNoteForm({ appointmentId, body, patientSummary }: { appointmentId: string; body: string; patientSummary: string }) {
  const [state, formAction] = useActionState<DoctorFormState, FormData>(saveNoteAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <Outcome state={state} />
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <label htmlFor="note-body" className="text-sm font-medium">
        Consultation notes <span className="font-normal text-slate-600">(private to you)</span>
      </label>
      <textarea id="note-body" name="body" rows={6} defaultValue={values?.body ?? body} aria-invalid={errors?.body ? true : undefined} className="rounded-md border border-slate-300 bg-white px-3 py-2" />
      {errors?.body ? <p className="text-sm font-medium text-red-700">{errors.body.join(" ")}</p> : null}
      <label htmlFor="note-summary" className="text-sm font-medium">
        Summary for the patient <span className="font-normal text-slate-600">(the patient sees this; leave empty to share nothing)</span>
      </label>
      <textarea id="note-summary" name="patientSummary" rows={3} defaultValue={values?.patientSummary ?? patientSummary} aria-invalid={errors?.patientSummary ? true : undefined} className="rounded-md border border-slate-300 bg-white px-3 py-2" />
      {errors?.patientSummary ? <p className="text-sm font-medium text-red-700">{errors.patientSummary.join(" ")}</p> : null}
      <SubmitButton pendingLabel="Saving…">Save notes</SubmitButton>
    </form>
  );
}
