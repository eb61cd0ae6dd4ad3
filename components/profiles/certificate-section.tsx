"use client";

import { useActionState } from "react";
import { removeCertificateAction, uploadCertificateAction } from "@/app/doctor/profile/actions";
import { FileField } from "@/components/ui/file-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormMessage, errorsOf } from "@/components/ui/form-state";
import type { FormState } from "@/lib/errors";

export interface CertificateItem {
  id: string;
  originalName: string;
  sizeLabel: string;
  uploadedLabel: string;
}

function RemoveButton({ certificate }: { certificate: CertificateItem }) {
  const [state, formAction] = useActionState<FormState, FormData>(removeCertificateAction, null);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="certificateId" value={certificate.id} />
      <SubmitButton variant="ghost" pendingLabel="Removing…" className="text-sm">
        {`Remove ${certificate.originalName}`}
      </SubmitButton>
      {state && !state.ok ? <span className="text-sm text-red-700">{state.message}</span> : null}
    </form>
  );
}

/** Certificates are private files: listed here for the doctor, downloadable only by them and admins. */
export function CertificateSection({ certificates }: { certificates: CertificateItem[] }) {
  const [state, formAction] = useActionState<FormState, FormData>(uploadCertificateAction, null);
  const errors = errorsOf(state, "certificate");
  return (
    <div className="flex flex-col gap-4">
      {certificates.length === 0 ? (
        <p className="text-slate-700">No certificates yet. Upload your licence or diplomas so an administrator can verify you.</p>
      ) : (
        <ul aria-label="Your certificates" className="flex flex-col divide-y divide-slate-100">
          {certificates.map((certificate) => (
            <li key={certificate.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <a href={`/api/certificates/${certificate.id}`} className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
                  {certificate.originalName}
                </a>
                <span className="text-sm text-slate-600">
                  {" "}
                  · {certificate.sizeLabel} · uploaded {certificate.uploadedLabel}
                </span>
              </span>
              <RemoveButton certificate={certificate} />
            </li>
          ))}
        </ul>
      )}
      <form action={formAction} className="flex flex-col gap-2 border-t border-slate-100 pt-4">
        <FormMessage state={state} />
        <FileField
          label="Add a certificate"
          name="certificate"
          id="field-certificate"
          kind="certificate"
          hint="Only you and Careslot administrators can open it."
          errors={errors}
        />
        <div>
          <SubmitButton pendingLabel="Uploading…">Upload certificate</SubmitButton>
        </div>
      </form>
    </div>
  );
}
