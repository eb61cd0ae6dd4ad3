import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getPatientTimeZone } from "@/db/queries/profiles";
import { getPaymentDetail, listRefundsOfPayments } from "@/db/queries/payments";
import { Receipt } from "@/components/payments/receipt";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Receipt" };

export default async function PatientReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("patient");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = getDb();
  const payment = await getPaymentDetail(db, id);
  // Someone else's receipt is "not found", so payment ids cannot be probed.
  if (!payment || payment.patientId !== user.id) notFound();
  const [refunds, timeZone] = await Promise.all([listRefundsOfPayments(db, [payment.id]), getPatientTimeZone(db, user.id)]);
  return (
    <>
      <PageHeading title="Receipt" subtitle={`Careslot · ${payment.doctorName}`} />
      <Card>
        <Receipt payment={payment} refunds={refunds} timeZone={timeZone ?? "UTC"} />
        <div className="mt-6 flex flex-wrap gap-4 text-sm">
          <Link href={`/patient/appointments/${payment.appointmentId}`} className="font-medium text-brand-700 underline">
            The appointment
          </Link>
          <Link href="/patient/payments" className="font-medium text-brand-700 underline">
            All payments
          </Link>
        </div>
      </Card>
    </>
  );
}
