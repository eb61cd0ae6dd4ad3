import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { bookForPatientAction } from "@/app/doctor/appointments/actions";
import { FrontDeskBookForm } from "@/components/front-desk/book-form";
import { FrontDeskSlotStep } from "@/components/front-desk/slot-step";
import { Card, PageHeading } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guards";
import { frontDeskSlots } from "@/lib/front-desk/slots";
import { frontDeskPatientOr404 } from "@/lib/front-desk/routes";
import { formatMoney } from "@/lib/format";

export const metadata: Metadata = { title: "Book for a patient" };

type Params = Promise<{ patientId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function DoctorBookSlotPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const user = await requireRole("doctor");
  const [{ patientId }, query] = await Promise.all([params, searchParams]);
  const patient = await frontDeskPatientOr404(user, patientId);
  const slots = await frontDeskSlots(user.id, query);
  if (!slots) notFound();
  const basePath = `/doctor/appointments/book/${patient.id}`;
  return (
    <>
      <PageHeading title="Book for a patient" subtitle={`For ${patient.fullName} · ${patient.email}`} />
      <Card>
        {slots.closed ? (
          <Notice tone="warning">
            {slots.closed} Patients and the front desk book the same open times: check your verification and booking settings on{" "}
            <Link href="/doctor/availability" className="underline">
              Availability
            </Link>
            .
          </Notice>
        ) : (
          <FrontDeskSlotStep
            slots={slots}
            basePath={basePath}
            patientTimeZone={patient.timeZone}
            form={(startsAt, summary) => (
              <FrontDeskBookForm
                action={bookForPatientAction}
                patientId={patient.id}
                doctorId={user.id}
                startsAt={startsAt}
                summary={`${patient.fullName}: ${summary}`}
                price={slots.doctor.priceMinor > 0 ? formatMoney(slots.doctor.priceMinor, slots.doctor.currency) : null}
                paymentLinkAvailable={slots.paymentLinkAvailable}
              />
            )}
          />
        )}
      </Card>
      <p className="mt-4 text-sm">
        <Link href="/doctor/appointments/book" className="text-brand-700 underline">
          Choose another patient
        </Link>
      </p>
    </>
  );
}
