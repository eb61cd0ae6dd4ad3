import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { listDoctorsWithPayments, listRefundsOfPayments, pagePaymentsForAdmin } from "@/db/queries/payments";
import { FilterProblems } from "@/components/admin/form-bits";
import { PaymentFilters } from "@/components/payments/payment-filters";
import { PaymentTable } from "@/components/payments/payment-table";
import { Card, PageHeading } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { requireRole } from "@/lib/auth/guards";
import { filterRange, parsePaymentFilter } from "@/lib/payments/schemas";
import { pageFrom } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Payments" };

const PAGE_SIZE = 25;

export default async function AdminPaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("admin");
  const raw = await searchParams;
  const { values: filter, problems } = parsePaymentFilter(raw);
  const page = pageFrom(raw);
  const db = getDb();
  const [{ rows, total }, doctors] = await Promise.all([
    pagePaymentsForAdmin(db, { status: filter.status, doctorId: filter.doctor, ...filterRange(filter) }, { page, pageSize: PAGE_SIZE }),
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
        <Card title={`${total} payment${total === 1 ? "" : "s"}`}>
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
          <Pagination
            basePath="/admin/payments"
            params={Object.fromEntries(new URLSearchParams(query))}
            page={page}
            pageSize={PAGE_SIZE}
            total={total}
            label="Payment pages"
          />
        </Card>
      </div>
    </>
  );
}
