import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { getAppSettings } from "@/db/queries/settings";
import { SettingsForm } from "@/components/admin/settings-form";
import { TwoFactorPolicyForm } from "@/components/admin/two-factor-forms";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Settings" };

export default async function AdminSettingsPage() {
  await requireRole("admin");
  const settings = await getAppSettings(getDb());
  return (
    <>
      <PageHeading
        title="Settings"
        subtitle="The policies the booking, payment, reminder and sign-in services read, the rate limits, the booking caps and how long email texts and sign-in records are kept. Each change is audited with the values before and after."
      />
      <Card>
        <SettingsForm
          values={{
            cancellationWindowHours: settings.cancellationWindowHours,
            bookingGraceMinutes: settings.bookingGraceMinutes,
            patientFullRefundHours: settings.patientFullRefundHours,
            reminderLeadMinutes: settings.reminderLeadMinutes,
            paymentHoldMinutes: settings.paymentHoldMinutes,
            sessionIdleMinutes: settings.sessionIdleMinutes,
            accountEmailsPerAddressPerHour: settings.accountEmailsPerAddressPerHour,
            accountEmailsPerIpPerHour: settings.accountEmailsPerIpPerHour,
            registrationsPerIpPerHour: settings.registrationsPerIpPerHour,
            signInAttemptsPerIpPer15Minutes: settings.signInAttemptsPerIpPer15Minutes,
            emailBodyRetentionDays: settings.emailBodyRetentionDays,
            signInRecordRetentionDays: settings.signInRecordRetentionDays,
            maxActiveAppointmentsPerPatient: settings.maxActiveAppointmentsPerPatient,
            maxActiveAppointmentsPerPatientPerDoctor: settings.maxActiveAppointmentsPerPatientPerDoctor,
          }}
        />
        <p className="mt-4 text-sm text-slate-600">
          Last changed {formatDateTime(settings.updatedAt, "UTC")} UTC ·{" "}
          <Link href="/admin/audit?entityType=app_settings" className="text-brand-700 underline">
            History of changes
          </Link>
        </p>
      </Card>
      <Card title="Two-factor authentication" className="mt-6">
        <TwoFactorPolicyForm admins={settings.requireTwoFactorAdmins} doctors={settings.requireTwoFactorDoctors} />
      </Card>
    </>
  );
}
