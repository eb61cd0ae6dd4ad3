import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { listDoctorsWithPayments, listPaymentsForAdmin, listRefundsOfPayments } from "@/db/queries/payments";
import { FilterProblems } from "@/components/admin/form-bits";
import { PaymentFilters } from "@/components/payments/payment-filters";
import { PaymentTable } from "@/components/payments/payment-table";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { filterRange, parsePaymentFilter } from "@/lib/payments/schemas";

export const metadata: Metadata = { title: "Payments" };

const LIMIT = 200;

export default async function AdminPaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("admin");
  const { values: filter, problems } = parsePaymentFilter(await searchParams);
  const db = getDb();
  const [rows, doctors] = await Promise.all([
    listPaymentsForAdmin(db, { status: filter.status, doctorId: filter.doctor, ...filterRange(filter) }, LIMIT),
    listDoctorsWithPayments(db),
  ]);
  const refunds = await listRefundsOfPayments(
    db,
    rows.map((row) => row.id),
  );
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === "string")).toString();
  return (
    <>
      <PageHeading
        title="Payments"
        subtitle={
          <>
            Every payment and refund. Dates are in UTC.{" "}
            <Link href="/admin/payments/wallet" className="font-medium text-brand-700 underline">
              Wallet reconciliation
            </Link>
          </>
        }
      />
      <div className="flex flex-col gap-6">
        <Card>
          <FilterProblems problems={problems} />
          <PaymentFilters filter={filter} doctors={doctors} exportHref={`/admin/payments/export${query ? `?${query}` : ""}`} />
        </Card>
        <Card title={`${rows.length === LIMIT ? `The newest ${LIMIT}` : rows.length} payment${rows.length === 1 ? "" : "s"}`}>
          <PaymentTable
            caption="Payments"
            rows={rows}
            refunds={refunds}
            timeZone="UTC"
            show="both"
            detailHref={(row) => `/admin/payments/${row.id}`}
            detailLabel="Details"
            empty="No payments match these filters."
          />
        </Card>
      </div>
    </>
  );
}
