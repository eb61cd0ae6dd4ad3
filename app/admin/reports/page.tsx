import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { listSystemReports } from "@/db/queries/reports";
import { GenerateReportForm } from "@/components/reports/generate-report-form";
import { ReportList } from "@/components/reports/report-list";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { monthOf, previousMonth } from "@/lib/reports/month";

export const metadata: Metadata = { title: "Reports" };
export const dynamic = "force-dynamic";

export default async function AdminReportsPage() {
  await requireRole("admin");
  const reports = await listSystemReports(getDb());
  const now = new Date();
  return (
    <>
      <PageHeading
        title="Reports"
        subtitle="Monthly figures for every doctor and for Careslot as a whole. They are computed on the 1st of each month for the month before."
      />
      <div className="flex flex-col gap-6">
        <Card title="Generate a report">
          <GenerateReportForm defaultMonth={previousMonth(now)} latestMonth={monthOf(now)} />
        </Card>
        <Card title="Monthly reports">
          {reports.length === 0 ? (
            <p className="text-slate-600">No reports yet. Generate one above, or wait for the 1st of the month.</p>
          ) : (
            <ReportList rows={reports} basePath="/admin/reports" caption="System-wide reports" timeZone="UTC" />
          )}
        </Card>
      </div>
    </>
  );
}
