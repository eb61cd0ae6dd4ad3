import type { Metadata } from "next";
import Link from "next/link";
import { PatientSearch } from "@/components/front-desk/patient-search";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { PATIENT_SEARCH_LIMIT } from "@/lib/front-desk/booking";
import { patientMatches } from "@/lib/front-desk/routes";

export const metadata: Metadata = { title: "Book for a patient" };

export default async function DoctorBookForPatientPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("doctor");
  const { text, patients } = await patientMatches(user, await searchParams);
  return (
    <>
      <PageHeading title="Book for a patient" subtitle="A patient phoned or is at the desk: find them, then choose a time in your calendar." />
      <Card>
        <PatientSearch
          action="/doctor/appointments/book"
          query={text}
          patients={patients}
          hrefOf={(id) => `/doctor/appointments/book/${id}`}
          scopeHint="Your patients by name or email; anyone else by their full email address."
          limit={PATIENT_SEARCH_LIMIT}
        />
      </Card>
      <p className="mt-4 text-sm">
        <Link href="/doctor/appointments" className="text-brand-700 underline">
          Back to appointments
        </Link>
      </p>
    </>
  );
}
