import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { doctorEarningsByMonth, listDueAtVisitForDoctor } from "@/db/queries/payments";
import { getBookableDoctor } from "@/db/queries/profiles";
import { EarningsTable } from "@/components/payments/earnings-table";
import { MarkPaidForm } from "@/components/payments/mark-paid-form";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime, formatMoney } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";
import { ZoneName } from "@/components/ui/zone-name";
import { Pagination } from "@/components/ui/pagination";
import { pageFrom } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Payments" };

const PAGE_SIZE = 25;

export default async function DoctorPaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("doctor");
  const db = getDb();
  const timeZone = (await getBookableDoctor(db, user.id))?.timeZone ?? "UTC";
  const now = new Date();
  const page = pageFrom(await searchParams);
  const [earnings, due] = await Promise.all([
    doctorEarningsByMonth(db, user.id, timeZone),
    listDueAtVisitForDoctor(db, user.id, { page, pageSize: PAGE_SIZE }),
  ]);
  return (
    <>
      <PageHeading
        title="Payments"
        subtitle={
          <>
            By month of the visit, in your time zone, <ZoneName timeZone={timeZone} />. Card payments are marked paid by Stripe; fees due at the clinic by you.
          </>
        }
      />
      <div className="flex flex-col gap-6">
        <Card title="Earnings by month">
          <EarningsTable rows={earnings} />
        </Card>
        <Card title="Due at the clinic">
          {due.total === 0 ? (
            <p className="text-slate-600">No fees are waiting to be collected at the clinic.</p>
          ) : (
            <DataTable
              caption="Visits with the fee due at the clinic"
              columns={[{ label: "Patient" }, { label: "Visit" }, { label: "Amount", align: "right" }, { label: "Actions", hidden: true }]}
            >
              {due.rows.map((row) => (
                <tr key={row.id} className="align-top">
                  <td className="py-3 pr-4 font-medium text-slate-900">{row.patientName}</td>
                  <td className="py-3 pr-4">{formatDateTime(row.appointmentStartsAt, timeZone)}</td>
                  <td className="py-3 pr-4 text-right tabular-nums">{formatMoney(row.amountMinor, row.currency)}</td>
                  <td className="py-3">
                    {/* The service refuses it earlier too (lib/payments/clinic.ts). */}
                    {row.appointmentStartsAt <= now ? (
                      <MarkPaidForm appointmentId={row.appointmentId} label="Mark paid" />
                    ) : (
                      <span className="text-sm text-slate-600">At the visit</span>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          <Pagination basePath="/doctor/payments" params={{}} page={page} pageSize={PAGE_SIZE} total={due.total} label="Fees due at the clinic pages" />
        </Card>
      </div>
    </>
  );
}
