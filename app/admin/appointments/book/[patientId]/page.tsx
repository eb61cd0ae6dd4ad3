import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeading } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { requireRole } from "@/lib/auth/guards";
import { bookableDoctors } from "@/lib/front-desk/slots";
import { frontDeskPatientOr404 } from "@/lib/front-desk/routes";

export const metadata: Metadata = { title: "Book for a patient" };

type Params = Promise<{ patientId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

/** The admin's second step: which doctor. A plain GET form, so the choice works without JavaScript. */
export default async function AdminBookDoctorPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const user = await requireRole("admin");
  const [{ patientId }, query] = await Promise.all([params, searchParams]);
  const patient = await frontDeskPatientOr404(user, patientId);
  if (typeof query.doctor === "string" && z.uuid().safeParse(query.doctor).success) redirect(`/admin/appointments/book/${patient.id}/${query.doctor}`);
  const doctors = await bookableDoctors();
  return (
    <>
      <PageHeading title="Book for a patient" subtitle={`For ${patient.fullName} · ${patient.email}`} />
      <Card title="Choose the doctor">
        <form method="get" action={`/admin/appointments/book/${patient.id}`} className="flex flex-wrap items-end gap-3">
          <SelectField label="Doctor" name="doctor" id="front-desk-doctor" defaultValue="" required className="min-w-0 flex-1 basis-64">
            <option value="" disabled>
              Choose a doctor
            </option>
            {doctors.map((doctor) => (
              <option key={doctor.id} value={doctor.id}>
                {doctor.fullName}
                {doctor.specialization ? ` — ${doctor.specialization}` : ""}
                {doctor.city ? `, ${doctor.city}` : ""}
              </option>
            ))}
          </SelectField>
          <button type="submit" className={buttonClasses("primary", "min-h-11")}>
            Show free times
          </button>
        </form>
      </Card>
      <p className="mt-4 text-sm">
        <Link href="/admin/appointments/book" className="text-brand-700 underline">
          Choose another patient
        </Link>
      </p>
    </>
  );
}
