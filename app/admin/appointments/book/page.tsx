import type { Metadata } from "next";
import Link from "next/link";
import { PatientSearch } from "@/components/front-desk/patient-search";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { PATIENT_SEARCH_LIMIT } from "@/lib/front-desk/booking";
import { patientMatches } from "@/lib/front-desk/routes";

export const metadata: Metadata = { title: "Book for a patient" };

export default async function AdminBookForPatientPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("admin");
  const { text, patients } = await patientMatches(user, await searchParams);
  return (
    <>
      <PageHeading title="Book for a patient" subtitle="Find the patient by name or email, then choose the doctor and a time." />
      <Card>
        <PatientSearch
          action="/admin/appointments/book"
          query={text}
          patients={patients}
          hrefOf={(id) => `/admin/appointments/book/${id}`}
          scopeHint="Any active patient, by part of their name or email."
          limit={PATIENT_SEARCH_LIMIT}
        />
        <div className="mt-6 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4 text-sm text-slate-700">
          <span>Someone new at the desk?</span>
          <Link href="/admin/users/new" className={buttonClasses("secondary", "min-h-11")}>
            Create a walk-in patient
          </Link>
        </div>
      </Card>
      <p className="mt-4 text-sm">
        <Link href="/admin/appointments" className="text-brand-700 underline">
          Back to all appointments
        </Link>
      </p>
    </>
  );
}
