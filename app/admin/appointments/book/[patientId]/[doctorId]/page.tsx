import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { bookForPatientAction } from "@/app/admin/appointments/actions";
import { FrontDeskSlotCard } from "@/components/front-desk/slot-card";
import { PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { frontDeskSlots } from "@/lib/front-desk/slots";
import { frontDeskPatientOr404 } from "@/lib/front-desk/routes";

export const metadata: Metadata = { title: "Book for a patient" };

type Params = Promise<{ patientId: string; doctorId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminBookSlotPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const user = await requireRole("admin");
  const [{ patientId, doctorId }, query] = await Promise.all([params, searchParams]);
  const patient = await frontDeskPatientOr404(user, patientId);
  if (!z.uuid().safeParse(doctorId).success) notFound();
  const slots = await frontDeskSlots(doctorId, query);
  if (!slots) notFound();
  const doctor = slots.doctor;
  return (
    <>
      <PageHeading title="Book for a patient" subtitle={`For ${patient.fullName} · ${patient.email}, with ${doctor.fullName}`} />
      <FrontDeskSlotCard
        slots={slots}
        patient={patient}
        basePath={`/admin/appointments/book/${patient.id}/${doctor.id}`}
        action={bookForPatientAction}
        closedNotice={(reason) => reason}
      />
      <p className="mt-4 flex flex-wrap gap-4 text-sm">
        <Link href={`/admin/appointments/book/${patient.id}`} className="text-brand-700 underline">
          Choose another doctor
        </Link>
        <Link href="/admin/appointments/book" className="text-brand-700 underline">
          Choose another patient
        </Link>
      </p>
    </>
  );
}
