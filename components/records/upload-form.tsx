"use client";

import { useActionState } from "react";
import { uploadRecordAction, type RecordFormState } from "@/app/patient/records/actions";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { MAX_RECORD_MB, recordTypeLabels } from "@/lib/records/schemas";

export function RecordUploadForm() {
  const [state, formAction] = useActionState<RecordFormState, FormData>(uploadRecordAction, null);
  const failed = state && !state.ok ? state : null;
  const fileError = failed?.fieldErrors?.file;
  return (
    <form action={formAction} className="flex flex-col gap-4">
      {state ? <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title" name="title" id="record-title" required minLength={2} maxLength={120} defaultValue={failed?.values?.title} errors={failed?.fieldErrors?.title} />
        <SelectField label="Type" name="recordType" id="record-type" defaultValue={failed?.values?.recordType ?? "lab_result"} errors={failed?.fieldErrors?.recordType}>
          {Object.entries(recordTypeLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="record-file" className="text-sm font-medium text-slate-800">
          File<span className="text-red-700" aria-hidden="true"> *</span>
        </label>
        <input
          id="record-file"
          name="file"
          type="file"
          required
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={`record-file-hint${fileError ? " record-file-error" : ""}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:font-medium"
        />
        <p id="record-file-hint" className="text-sm text-slate-600">
          PDF, JPEG or PNG, up to {MAX_RECORD_MB} MB. The file&apos;s content is checked, not just its name.
        </p>
        {fileError ? (
          <p id="record-file-error" className="text-sm font-medium text-red-700">
            {fileError.join(" ")}
          </p>
        ) : null}
      </div>
      <div>
        <SubmitButton pendingLabel="Uploading…">Upload document</SubmitButton>
      </div>
    </form>
  );
}
