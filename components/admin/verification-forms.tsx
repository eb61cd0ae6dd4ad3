"use client";

import { useActionState } from "react";
import { approveDoctorAction, rejectDoctorAction } from "@/app/admin/doctors/actions";
import type { FormState } from "@/lib/errors";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextAreaField } from "@/components/ui/field";
import { ResultNotice } from "./form-bits";

/** Approve (disabled, with the reason beside it, while `notReady` says what is missing) and reject with a reason. */
export function VerificationForms({
  doctorId,
  doctorName,
  view,
  notReady,
}: {
  doctorId: string;
  doctorName: string;
  view: "pending" | "rejected" | "verified";
  notReady?: string;
}) {
  const canApprove = view !== "verified";
  const canReject = view !== "rejected";
  const [approved, approve] = useActionState<FormState, FormData>(approveDoctorAction, null);
  const [rejected, reject] = useActionState<FormState, FormData>(rejectDoctorAction, null);
  const rejectErrors = rejected && !rejected.ok ? rejected.fieldErrors?.reason : undefined;
  return (
    <div className="flex flex-col gap-4">
      <ResultNotice state={approved} />
      <ResultNotice state={rejected} />
      {canApprove ? (
        <form action={approve}>
          <input type="hidden" name="doctorId" value={doctorId} />
          <input type="hidden" name="view" value={view} />
          <SubmitButton pendingLabel="Approving…" disabled={Boolean(notReady)} describedBy={notReady ? `not-ready-${doctorId}` : undefined}>
            {`Approve ${doctorName}`}
          </SubmitButton>
          {notReady ? (
            <p id={`not-ready-${doctorId}`} className="mt-2 text-sm font-medium text-amber-900">
              {notReady}
            </p>
          ) : null}
        </form>
      ) : null}
      {canReject ? (
        <form action={reject} className="flex flex-col gap-2 border-t border-slate-100 pt-4">
          <input type="hidden" name="doctorId" value={doctorId} />
          <input type="hidden" name="view" value={view} />
          <TextAreaField
            label="Reason for rejecting (sent to the doctor)"
            name="reason"
            id={`reject-reason-${doctorId}`}
            rows={2}
            required
            minLength={3}
            maxLength={500}
            defaultValue={rejected && !rejected.ok ? rejected.values?.reason : undefined}
            errors={rejectErrors}
          />
          <div>
            <SubmitButton variant="danger" pendingLabel="Rejecting…">{`Reject ${doctorName}`}</SubmitButton>
          </div>
        </form>
      ) : null}
    </div>
  );
}
