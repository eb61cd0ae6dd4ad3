"use client";

import { useActionState } from "react";
import { FileField } from "@/components/ui/file-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Avatar } from "./avatar";
import { FormMessage, errorsOf } from "@/components/ui/form-state";
import type { FormState } from "@/lib/errors";

type UploadAction = (previous: FormState, formData: FormData) => Promise<FormState>;
type RemoveAction = (previous: FormState) => Promise<FormState>;

/** Upload or remove a profile photo; the server checks the file by content and resizes it. */
export function PhotoForm({ name, photoUrl, upload, remove }: { name: string; photoUrl: string | null; upload: UploadAction; remove: RemoveAction }) {
  const [uploadState, uploadAction] = useActionState<FormState, FormData>(upload, null);
  const [removeState, removeAction] = useActionState<FormState>(remove, null);
  const errors = errorsOf(uploadState, "photo");
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
      <Avatar name={name} src={photoUrl} size={112} />
      <div className="flex flex-1 flex-col gap-3">
        <FormMessage state={uploadState ?? removeState} />
        <form action={uploadAction} className="flex flex-col gap-2">
          <FileField
            label="Profile photo"
            name="photo"
            id="field-photo"
            kind="photo"
            hint="We resize it to 512 px and remove its metadata (such as where it was taken)."
            errors={errors}
          />
          <div>
            <SubmitButton pendingLabel="Uploading…">Upload photo</SubmitButton>
          </div>
        </form>
        {photoUrl ? (
          <form action={removeAction}>
            <SubmitButton variant="secondary" pendingLabel="Removing…">
              Remove photo
            </SubmitButton>
          </form>
        ) : null}
      </div>
    </div>
  );
}
