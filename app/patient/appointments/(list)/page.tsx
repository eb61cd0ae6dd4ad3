import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { getPatientTimeZone } from "@/db/queries/profiles";
import { type AppointmentListItem, listAppointmentsForPatient } from "@/db/queries/appointments";
import { paymentsOfAppointments } from "@/db/queries/payments";
import { getAppSettings } from "@/db/queries/settings";
import { AppointmentTable } from "@/components/appointments/appointment-table";
import { ChangeActions } from "@/components/appointments/change-actions";
import { PaymentBadge } from "@/components/payments/payment-badge";
import { Card, PageHeading } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guards";
import { ZoneName } from "@/components/ui/zone-name";
import { Pagination } from "@/components/ui/pagination";
import { pageFrom } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "My appointments" };

const PAGE_SIZE = 20;

export default async function PatientAppointmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireRole("patient");
  const query = await searchParams;
  const db = getDb();
  const now = new Date();
  const [timeZone, upcoming, past, settings] = await Promise.all([
    getPatientTimeZone(db, user.id),
    listAppointmentsForPatient(db, user.id, "upcoming", now, { page: pageFrom(query, "upcomingPage"), pageSize: PAGE_SIZE }),
    listAppointmentsForPatient(db, user.id, "past", now, { page: pageFrom(query, "pastPage"), pageSize: PAGE_SIZE }),
    getAppSettings(db),
  ]);
  const zone = timeZone ?? "UTC";
  const payments = await paymentsOfAppointments(
    db,
    [...upcoming.rows, ...past.rows].map((row) => row.id),
  );
  // The payment state sits with each row's actions: the shared table has no payment column.
  const paymentOf = (row: AppointmentListItem) => {
    const payment = payments.get(row.id);
    return payment ? (
      <p className="mb-2 text-xs text-slate-700">
        Payment: <PaymentBadge provider={payment.provider} status={payment.status} />
      </p>
    ) : null;
  };
  const bookedPayment = query.booked ? payments.get(query.booked) : undefined;

  return (
    <>
      <PageHeading
        title="My appointments"
        subtitle={
          <>
            Times in your time zone, <ZoneName timeZone={zone} />.
          </>
        }
      />
      {query.booked ? (
        <Notice tone="success" className="mb-4">
          Your appointment is booked.{bookedPayment?.provider === "clinic" ? " You can pay at the clinic." : ""}
        </Notice>
      ) : null}
      {query.rescheduled ? (
        <Notice tone="success" className="mb-4">
          Your appointment was moved to the new time.
        </Notice>
      ) : null}
      {query.cancelled ? (
        <Notice tone="success" className="mb-4">
          Your appointment was cancelled and the doctor was told.
        </Notice>
      ) : null}
      <div className="flex flex-col gap-6">
        <Card title="Upcoming">
          <AppointmentTable
            caption="Upcoming appointments"
            rows={upcoming.rows}
            timeZone={zone}
            counterpart="doctor"
            detailHref={(id) => `/patient/appointments/${id}`}
            empty="No upcoming appointments."
            actions={(row) => (
              <>
                {paymentOf(row)}
                <ChangeActions appointment={row} now={now} policy={settings} />
              </>
            )}
          />
          <Pagination
            basePath="/patient/appointments"
            params={{ pastPage: query.pastPage }}
            name="upcomingPage"
            page={pageFrom(query, "upcomingPage")}
            pageSize={PAGE_SIZE}
            total={upcoming.total}
            label="Upcoming appointment pages"
          />
        </Card>
        <Card title="Past and cancelled">
          <AppointmentTable
            caption="Past appointments"
            rows={past.rows}
            timeZone={zone}
            counterpart="doctor"
            detailHref={(id) => `/patient/appointments/${id}`}
            actions={paymentOf}
            empty="No past appointments yet."
          />
          <Pagination
            basePath="/patient/appointments"
            params={{ upcomingPage: query.upcomingPage }}
            name="pastPage"
            page={pageFrom(query, "pastPage")}
            pageSize={PAGE_SIZE}
            total={past.total}
            label="Past appointment pages"
          />
        </Card>
      </div>
    </>
  );
}
