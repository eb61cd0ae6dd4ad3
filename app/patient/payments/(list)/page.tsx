import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { getPatientTimeZone } from "@/db/queries/profiles";
import { listPaymentsForPatient, listRefundsOfPayments } from "@/db/queries/payments";
import { PaymentTable } from "@/components/payments/payment-table";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { ZoneName } from "@/components/ui/zone-name";
import { Pagination } from "@/components/ui/pagination";
import { pageFrom } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Payments" };

const PAGE_SIZE = 25;

export default async function PatientPaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("patient");
  const page = pageFrom(await searchParams);
  const db = getDb();
  const [timeZone, { rows: payments, total }] = await Promise.all([
    getPatientTimeZone(db, user.id),
    listPaymentsForPatient(db, user.id, { page, pageSize: PAGE_SIZE }),
  ]);
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
        <Pagination basePath="/patient/payments" params={{}} page={page} pageSize={PAGE_SIZE} total={total} label="Payment pages" />
      </Card>
    </>
  );
}
