"use client";

import { useState, type ChangeEvent, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { maxMegabytes, tooLargeMessage, uploadKinds, type UploadKind } from "@/lib/storage/upload-limits";
import { fileSize } from "@/lib/records/display";
import { FieldLabel, FieldMessages, describedBy } from "./field";

interface FileFieldProps {
  label: string;
  name: string;
  id: string;
  kind: UploadKind;
  /** Said after "PDF, JPEG or PNG, up to 10 MB." */
  hint?: ReactNode;
  /** What the server said about the last upload. */
  errors?: string[];
}

/**
 * A labelled file input for one kind of upload. A file over the size limit is
 * refused here, before its megabytes travel, with the same words the server
 * would use; the server still checks size and content itself.
 */
export function FileField({ label, name, id, kind, hint, errors }: FileFieldProps) {
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const rule = uploadKinds[kind];
  const shown = tooLarge ? [tooLarge] : errors;

  function checkSize(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    const message = file && file.size > rule.maxBytes ? tooLargeMessage(kind) : null;
    event.currentTarget.setCustomValidity(message ?? ""); // the browser then will not submit the form
    setTooLarge(message);
  }

  const fullHint = (
    <>
      {rule.label}, up to {maxMegabytes(kind)} MB.{hint ? <> {hint}</> : null}
    </>
  );
  return (
    <div className="flex flex-col gap-1">
      <FieldLabel htmlFor={id} label={label} required />
      <input
        id={id}
        name={name}
        type="file"
        required
        accept={rule.accept}
        onChange={checkSize}
        aria-invalid={shown?.length ? true : undefined}
        aria-describedby={describedBy(id, fullHint, shown)}
        className={`rounded-md border bg-white px-3 py-2 text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:font-medium ${shown?.length ? "border-red-600" : "border-slate-300"}`}
      />
      <FieldMessages controlId={id} hint={fullHint} errors={shown} />
      <UploadProgress name={name} />
    </div>
  );
}

/**
 * A progress bar while the form's file travels. A server action's request
 * reports no upload progress, so the bar runs without a value (the browser
 * draws it as busy) and says which file, and how large, is on its way.
 */
function UploadProgress({ name }: { name: string }) {
  const { pending, data } = useFormStatus();
  const file = pending ? data?.get(name) : null;
  if (!(file instanceof File) || file.size === 0) return null;
  const label = `Uploading ${file.name} (${fileSize(file.size)})…`;
  return (
    <div role="status" className="mt-1 flex flex-col gap-1 text-sm text-slate-700">
      <span>{label}</span>
      <progress aria-label={label} className="h-2 w-full max-w-md accent-brand-700" />
    </div>
  );
}
