"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { Avatar } from "./avatar";
import { FormMessage, errorsOf, type ProfileFormState } from "./form-kit";

type UploadAction = (previous: ProfileFormState, formData: FormData) => Promise<ProfileFormState>;
type RemoveAction = (previous: ProfileFormState) => Promise<ProfileFormState>;

/** Upload or remove a profile photo; the server checks the file by content and resizes it. */
export function PhotoForm({ name, photoUrl, upload, remove }: { name: string; photoUrl: string | null; upload: UploadAction; remove: RemoveAction }) {
  const [uploadState, uploadAction] = useActionState<ProfileFormState, FormData>(upload, null);
  const [removeState, removeAction] = useActionState<ProfileFormState>(remove, null);
  const errors = errorsOf(uploadState, "photo");
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
      <Avatar name={name} src={photoUrl} size={112} />
      <div className="flex flex-1 flex-col gap-3">
        <FormMessage state={uploadState ?? removeState} />
        <form action={uploadAction} className="flex flex-col gap-2">
          <label htmlFor="field-photo" className="text-sm font-medium text-slate-800">
            Profile photo
          </label>
          <input
            id="field-photo"
            name="photo"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            required
            aria-invalid={errors ? true : undefined}
            aria-describedby={`field-photo-hint${errors ? " field-photo-error" : ""}`}
            className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold file:text-slate-800"
          />
          <p id="field-photo-hint" className="text-sm text-slate-600">
            JPEG, PNG or WebP up to 5 MB. We resize it to 512 px and remove its metadata (such as where it was taken).
          </p>
          {errors ? (
            <p id="field-photo-error" className="text-sm font-medium text-red-700">
              {errors.join(" ")}
            </p>
          ) : null}
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
