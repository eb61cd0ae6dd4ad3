import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { getPatientTimeZone } from "@/db/queries/profiles";
import { listPaymentsForPatient, listRefundsOfPayments } from "@/db/queries/payments";
import { PaymentTable } from "@/components/payments/payment-table";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { ZoneName } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Payments" };

export default async function PatientPaymentsPage() {
  const user = await requireRole("patient");
  const db = getDb();
  const [timeZone, payments] = await Promise.all([getPatientTimeZone(db, user.id), listPaymentsForPatient(db, user.id)]);
  const refunds = await listRefundsOfPayments(
    db,
    payments.map((payment) => payment.id),
  );
  const zone = timeZone ?? "UTC";
  return (
    <>
      <PageHeading
        title="Payments"
        subtitle={
          <>
            Every payment and refund for your visits. Dates in your time zone, <ZoneName timeZone={zone} />.
          </>
        }
      />
      <Card>
        <PaymentTable
          caption="Your payments and refunds"
          rows={payments}
          refunds={refunds}
          timeZone={zone}
          show="doctor"
          detailHref={(row) => `/patient/payments/${row.id}`}
          detailLabel="Receipt"
          empty="No payments yet. Payments appear here when you book a visit."
        />
      </Card>
    </>
  );
}
