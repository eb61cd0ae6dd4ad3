"use client";

import { useActionState } from "react";
import { uploadRecordAction } from "@/app/patient/records/actions";
import type { FormState } from "@/lib/errors";
import { Field, SelectField } from "@/components/ui/field";
import { FileField } from "@/components/ui/file-field";
import { FormMessage } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { recordTypeLabels } from "@/lib/records/schemas";

export function RecordUploadForm() {
  const [state, formAction] = useActionState<FormState, FormData>(uploadRecordAction, null);
  const failed = state && !state.ok ? state : null;
  const fileError = failed?.fieldErrors?.file;
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Title"
          name="title"
          id="record-title"
          required
          minLength={2}
          maxLength={120}
          defaultValue={failed?.values?.title}
          errors={failed?.fieldErrors?.title}
        />
        <SelectField
          label="Type"
          name="recordType"
          id="record-type"
          defaultValue={failed?.values?.recordType ?? "lab_result"}
          errors={failed?.fieldErrors?.recordType}
        >
          {Object.entries(recordTypeLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <FileField label="File" name="file" id="record-file" kind="record" hint="The file's content is checked, not just its name." errors={fileError} />
      <div>
        <SubmitButton pendingLabel="Uploading…">Upload document</SubmitButton>
      </div>
    </form>
  );
}
