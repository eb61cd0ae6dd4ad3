import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getAppointmentForAdmin, getAppointmentHistory } from "@/db/queries/appointments";
import { AdminCancelCard } from "@/components/admin/appointment-bulk-form";
import { AppointmentStatus } from "@/components/appointments/status-badge";
import { StatusHistoryCard } from "@/components/appointments/status-history";
import { Card, PageHeading } from "@/components/ui/card";
import { PageNotice } from "@/components/admin/page-notice";
import { frontDeskNotices } from "@/components/front-desk/notices";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime, formatMoney } from "@/lib/format";
import { Fact, Facts } from "@/components/ui/facts";
import { DateTimeInZone } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Appointment" };

export default async function AdminAppointmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("admin");
  const [{ id }, { notice }] = await Promise.all([params, searchParams]);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = getDb();
  const appointment = await getAppointmentForAdmin(db, id);
  if (!appointment) notFound();
  const history = await getAppointmentHistory(db, id);
  const zone = appointment.doctorTimeZone;
  const cancellable = appointment.status === "confirmed" || appointment.status === "pending_payment";
  return (
    <>
      <PageHeading
        title={`${appointment.patientName} with ${appointment.doctorName}`}
        subtitle={
          <>
            <DateTimeInZone instant={appointment.startsAt} timeZone={zone} /> · {formatDateTime(appointment.startsAt, "UTC")} UTC
          </>
        }
      />
      <p className="-mt-4 mb-4 text-sm">
        <Link href="/admin/appointments" className="text-brand-700 underline">
          Back to all appointments
        </Link>
        {" · "}
        <Link href={`/admin/audit?entityType=appointment&entityId=${appointment.id}`} className="text-brand-700 underline">
          Audit history
        </Link>
        {appointment.status === "confirmed" ? (
          <>
            {" · "}
            <Link href={`/admin/appointments/${appointment.id}/reschedule`} className="text-brand-700 underline">
              Reschedule for the patient
            </Link>
          </>
        ) : null}
      </p>
      <PageNotice code={typeof notice === "string" ? notice : undefined} messages={frontDeskNotices} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Visit">
          <Facts>
            <Fact label="Status">
              <AppointmentStatus status={appointment.status} moved={appointment} timeZone={zone} hrefOf={(id) => `/admin/appointments/${id}`} />
            </Fact>
            <Fact label="Doctor">
              <Link href={`/admin/users/${appointment.doctorId}`} className="text-brand-700 underline">
                {appointment.doctorName}
              </Link>{" "}
              ({appointment.specialization ?? "no specialization"})
            </Fact>
            <Fact label="Patient">
              <Link href={`/admin/users/${appointment.patientId}`} className="text-brand-700 underline">
                {appointment.patientName}
              </Link>{" "}
              · {appointment.patientEmail}
            </Fact>
            <Fact label="Price">{formatMoney(appointment.priceMinor, appointment.currency)}</Fact>
            <Fact label="Reason">{appointment.reason || "—"}</Fact>
            {appointment.cancellationReason ? (
              <Fact label="Cancellation">
                {appointment.cancellationReason} {appointment.cancelledBy ? `(by ${appointment.cancelledBy})` : ""}
              </Fact>
            ) : null}
            <Fact label="Booked">{formatDateTime(appointment.createdAt, "UTC")} UTC</Fact>
          </Facts>
        </Card>
        <Card title="Payments">
          {appointment.payments.length === 0 ? (
            <p className="text-sm text-slate-600">No payment recorded.</p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm">
              {appointment.payments.map((payment) => (
                <li key={payment.id}>
                  {formatMoney(payment.amountMinor, payment.currency)} · {payment.provider} · {payment.status.replaceAll("_", " ")}
                  {payment.refundedMinor ? ` · refunded ${formatMoney(payment.refundedMinor, payment.currency)}` : ""}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <StatusHistoryCard movedToId={appointment.movedToId} events={history} timeZone={"UTC"} />
        <AdminCancelCard appointmentId={appointment.id} summary={`${appointment.patientName} with ${appointment.doctorName}`} open={cancellable} />
      </div>
    </>
  );
}
