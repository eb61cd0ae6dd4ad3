import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { getDoctorDashboard } from "@/db/queries/appointments";
import { StatusBadge } from "@/components/appointments/status-badge";
import { Card, PageHeading } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { ZoneName } from "@/components/ui/zone-name";
import { SetupChecklistCard } from "@/components/doctor/setup-checklist-card";
import { getDoctorReadinessFacts } from "@/db/queries/profiles";
import { setupChecklist } from "@/lib/profiles/setup-checklist";

export const metadata: Metadata = { title: "Doctor dashboard" };

export default async function DoctorDashboard() {
  const user = await requireRole("doctor");
  const db = getDb();
  const [{ profile, upcoming }, readiness] = await Promise.all([getDoctorDashboard(db, user.id, new Date()), getDoctorReadinessFacts(db, user.id)]);
  const timeZone = profile?.timeZone ?? "UTC";
  return (
    <>
      <PageHeading
        title={`Hello, ${user.name}`}
        subtitle={
          <>
            {profile?.specialization ?? "Specialization not set"} · times in <ZoneName timeZone={timeZone} />
          </>
        }
      />
      {profile?.verificationStatus !== "verified" ? (
        <Notice tone="warning" className="mb-6">
          Your profile is {profile?.verificationStatus === "rejected" ? "not approved" : "pending verification"}. Patients will find you once an administrator
          has verified your certificates.
        </Notice>
      ) : null}
      {readiness ? <SetupChecklistCard steps={setupChecklist(readiness)} /> : null}
      <Card
        title="Next appointments"
        actions={
          <Link href="/doctor/appointments" className="text-sm font-medium text-brand-700 underline underline-offset-2">
            All appointments
          </Link>
        }
      >
        {upcoming.length === 0 ? (
          <p className="text-slate-600">No upcoming appointments.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {upcoming.map((appointment) => (
              <li key={appointment.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <span>
                  <Link href={`/doctor/appointments/${appointment.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                    {appointment.patientName}
                  </Link>
                  <span className="block text-sm text-slate-600">{formatDateTime(appointment.startsAt, timeZone)}</span>
                </span>
                <StatusBadge status={appointment.status} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
