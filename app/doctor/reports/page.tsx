import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { listDoctorReports } from "@/db/queries/reports";
import { getDoctorContact } from "@/db/queries/profiles";
import { ReportList } from "@/components/reports/report-list";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { ZoneName } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Reports" };
export const dynamic = "force-dynamic";

export default async function DoctorReportsPage() {
  const user = await requireRole("doctor");
  const db = getDb();
  const [reports, contact] = await Promise.all([listDoctorReports(db, user.id), getDoctorContact(db, user.id)]);
  const zone = contact?.timeZone ?? "UTC";
  return (
    <>
      <PageHeading
        title="Reports"
        subtitle={
          <>
            Your monthly figures, with months and weekdays in your time zone, <ZoneName timeZone={zone} />. A new report arrives on the 1st of each month.
          </>
        }
      />
      <Card title="Monthly reports">
        {reports.length === 0 ? (
          <p className="text-slate-600">No reports yet. Your first one is computed on the 1st of next month.</p>
        ) : (
          <ReportList rows={reports} basePath="/doctor/reports" caption="Your reports" timeZone={zone} />
        )}
      </Card>
    </>
  );
}
