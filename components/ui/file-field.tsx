"use client";

import { useState, type ChangeEvent, type ReactNode } from "react";
import { maxMegabytes, tooLargeMessage, uploadKinds, type UploadKind } from "@/lib/storage/upload-limits";
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
    </div>
  );
}
