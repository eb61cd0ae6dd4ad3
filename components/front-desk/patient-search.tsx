import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export interface PatientMatch {
  id: string;
  fullName: string;
  email: string;
  phone: string | null;
}

/**
 * The first step of "Book for a patient": find the patient by name or email
 * (a plain GET form, so it works without JavaScript), then pick one.
 */
export function PatientSearch({
  action,
  query,
  patients,
  hrefOf,
  scopeHint,
  limit,
}: {
  action: string;
  query: string;
  patients: PatientMatch[];
  hrefOf: (patientId: string) => string;
  scopeHint: string;
  limit: number;
}) {
  const searched = query.trim().length > 0;
  return (
    <div className="flex flex-col gap-4">
      <form method="get" action={action} role="search" aria-label="Find a patient" className="flex flex-wrap items-end gap-3">
        <Field
          label="Patient name or email"
          name="q"
          id="front-desk-patient"
          type="search"
          defaultValue={query}
          minLength={2}
          maxLength={100}
          required
          hint={scopeHint}
          className="min-w-0 flex-1 basis-64"
        />
        <button type="submit" className={buttonClasses("primary", "min-h-11")}>
          Find patient
        </button>
      </form>
      {searched && query.trim().length < 2 ? <Notice tone="warning">Type at least 2 characters of the name or email.</Notice> : null}
      {searched && query.trim().length >= 2 && patients.length === 0 ? (
        <Notice tone="info">No patient matches “{query.trim()}”. Check the spelling, or search by the full email address.</Notice>
      ) : null}
      {patients.length > 0 ? (
        <section aria-labelledby="patient-matches">
          <h2 id="patient-matches" className="mb-2 font-semibold text-slate-900">
            {patients.length === 1 ? "1 patient found" : `${patients.length} patients found`}
            {patients.length >= limit ? <span className="font-normal text-slate-600"> (the first {limit}; type more to narrow it down)</span> : null}
          </h2>
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {patients.map((patient) => (
              <li key={patient.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{patient.fullName}</p>
                  <p className="text-sm break-all text-slate-600">
                    {patient.email}
                    {patient.phone ? ` · ${patient.phone}` : ""}
                  </p>
                </div>
                <Link href={hrefOf(patient.id)} className={buttonClasses("secondary", "min-h-11")}>
                  Book for {patient.fullName}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
