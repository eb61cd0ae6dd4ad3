import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { bookForPatientAction } from "@/app/doctor/appointments/actions";
import { FrontDeskSlotCard } from "@/components/front-desk/slot-card";
import { PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { frontDeskSlots } from "@/lib/front-desk/slots";
import { frontDeskPatientOr404 } from "@/lib/front-desk/routes";

export const metadata: Metadata = { title: "Book for a patient" };

type Params = Promise<{ patientId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function DoctorBookSlotPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const user = await requireRole("doctor");
  const [{ patientId }, query] = await Promise.all([params, searchParams]);
  const patient = await frontDeskPatientOr404(user, patientId);
  const slots = await frontDeskSlots(user.id, query);
  if (!slots) notFound();
  return (
    <>
      <PageHeading title="Book for a patient" subtitle={`For ${patient.fullName} · ${patient.email}`} />
      <FrontDeskSlotCard
        slots={slots}
        patient={patient}
        basePath={`/doctor/appointments/book/${patient.id}`}
        action={bookForPatientAction}
        closedNotice={(reason) => (
          <>
            {reason} Patients and the front desk book the same open times: check your verification and booking settings on{" "}
            <Link href="/doctor/availability" className="underline">
              Availability
            </Link>
            .
          </>
        )}
      />
      <p className="mt-4 text-sm">
        <Link href="/doctor/appointments/book" className="text-brand-700 underline">
          Choose another patient
        </Link>
      </p>
    </>
  );
}
