import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { getAppointmentForAdmin } from "@/db/queries/admin-appointments";
import { getAppointmentHistory } from "@/db/queries/appointment-reads";
import { AdminCancelForm } from "@/components/admin/appointment-bulk-form";
import { StatusBadge } from "@/components/appointments/status-badge";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime, formatMoney, statusLabels } from "@/lib/format";

export const metadata: Metadata = { title: "Appointment" };

export default async function AdminAppointmentPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("admin");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = getDb();
  const appointment = await getAppointmentForAdmin(db, id);
  if (!appointment) notFound();
  const history = await getAppointmentHistory(db, id);
  const zone = appointment.doctorTimeZone;
  const cancellable = appointment.status === "confirmed" || appointment.status === "pending_payment";
  return (
    <>
      <PageHeading title={`${appointment.patientName} with ${appointment.doctorName}`} subtitle={`${formatDateTime(appointment.startsAt, zone)} (${zone}) · ${formatDateTime(appointment.startsAt, "UTC")} UTC`} />
      <p className="-mt-4 mb-4 text-sm">
        <Link href="/admin/appointments" className="text-brand-700 underline">
          Back to all appointments
        </Link>
        {" · "}
        <Link href={`/admin/audit?entityType=appointment&entityId=${appointment.id}`} className="text-brand-700 underline">
          Audit history
        </Link>
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Visit">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">Status</dt>
            <dd>
              <StatusBadge status={appointment.status} />
            </dd>
            <dt className="text-slate-600">Doctor</dt>
            <dd>
              <Link href={`/admin/users/${appointment.doctorId}`} className="text-brand-700 underline">
                {appointment.doctorName}
              </Link>{" "}
              ({appointment.specialization ?? "no specialization"})
            </dd>
            <dt className="text-slate-600">Patient</dt>
            <dd>
              <Link href={`/admin/users/${appointment.patientId}`} className="text-brand-700 underline">
                {appointment.patientName}
              </Link>{" "}
              · {appointment.patientEmail}
            </dd>
            <dt className="text-slate-600">Price</dt>
            <dd>{formatMoney(appointment.priceMinor, appointment.currency)}</dd>
            <dt className="text-slate-600">Reason</dt>
            <dd>{appointment.reason || "—"}</dd>
            {appointment.cancellationReason ? (
              <>
                <dt className="text-slate-600">Cancellation</dt>
                <dd>
                  {appointment.cancellationReason} {appointment.cancelledBy ? `(by ${appointment.cancelledBy})` : ""}
                </dd>
              </>
            ) : null}
            <dt className="text-slate-600">Booked</dt>
            <dd>{formatDateTime(appointment.createdAt, "UTC")} UTC</dd>
          </dl>
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
        <Card title="Status history">
          {history.length === 0 ? <p className="text-sm text-slate-600">No status changes recorded.</p> : null}
          <ol className="flex flex-col gap-2 text-sm">
            {history.map((event) => (
              <li key={event.id} className="flex flex-wrap justify-between gap-2">
                <span>
                  <span className="font-medium">{statusLabels[event.toStatus]}</span> by {event.actorRole}
                  {event.note ? ` — ${event.note}` : ""}
                </span>
                <span className="text-slate-600">{formatDateTime(event.at, "UTC")} UTC</span>
              </li>
            ))}
          </ol>
        </Card>
        {cancellable ? (
          <Card title="Cancel this appointment">
            <AdminCancelForm appointmentId={appointment.id} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
