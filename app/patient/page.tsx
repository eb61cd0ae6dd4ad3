import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { getPatientDashboard } from "@/db/queries/appointments";
import { StatusBadge } from "@/components/appointments/status-badge";
import { Card, PageHeading } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { ZoneName } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Patient dashboard" };

export default async function PatientDashboard() {
  const user = await requireRole("patient");
  const { timeZone, upcoming } = await getPatientDashboard(getDb(), user.id, new Date());
  return (
    <>
      <PageHeading
        title={`Hello, ${user.name}`}
        subtitle={
          <>
            Times are shown in your time zone, <ZoneName timeZone={timeZone} />.
          </>
        }
      />
      <Card
        title="Upcoming appointments"
        actions={
          <Link href="/doctors" className={buttonClasses("primary")}>
            Book a visit
          </Link>
        }
      >
        {upcoming.length === 0 ? (
          <p className="text-slate-600">You have no upcoming appointments.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {upcoming.map((appointment) => (
              <li key={appointment.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <span>
                  <Link href={`/patient/appointments/${appointment.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                    {appointment.doctorName}
                  </Link>
                  <span className="block text-sm text-slate-600">{formatDateTime(appointment.startsAt, timeZone)}</span>
                </span>
                <StatusBadge status={appointment.status} />
              </li>
            ))}
          </ul>
        )}
        <Link href="/patient/appointments" className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
          All appointments
        </Link>
      </Card>
    </>
  );
}
