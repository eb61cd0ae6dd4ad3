import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { getMonthReports } from "@/db/queries/reports";
import { DoctorReportsTable } from "@/components/reports/doctor-reports-table";
import { PrintButton } from "@/components/reports/print-button";
import { PrintStyles } from "@/components/reports/print-styles";
import { ReportFiguresView } from "@/components/reports/report-figures";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { readFigures } from "@/lib/reports/figures";
import { formatMonth, isMonth, monthToDate } from "@/lib/reports/month";

type Params = { params: Promise<{ month: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { month } = await params;
  return { title: isMonth(month) ? `Report for ${formatMonth(month)}` : "Report" };
}

/** The printable month: the system-wide figures, then one line per doctor. */
export default async function AdminMonthReportPage({ params }: Params) {
  await requireRole("admin");
  const { month } = await params;
  if (!isMonth(month)) notFound();
  const { system, doctors } = await getMonthReports(getDb(), monthToDate(month));
  const figures = system ? readFigures(system.figures) : null;
  if (!system || !figures) notFound();
  return (
    <>
      <PrintStyles />
      <PageHeading
        title={`Report for ${formatMonth(month)}`}
        subtitle={`All doctors. System-wide figures in UTC; generated ${formatDateTime(system.updatedAt, "UTC")} UTC.`}
      />
      <div className="mb-6 flex flex-wrap gap-3 print:hidden">
        <PrintButton />
        <a href={`/admin/reports/${month}/csv`} download className={buttonClasses("secondary")}>
          Download CSV
        </a>
        <Link href="/admin/reports" className={buttonClasses("ghost")}>
          All reports
        </Link>
      </div>
      <div className="flex flex-col gap-6">
        <Card>
          <ReportFiguresView figures={figures} />
        </Card>
        <Card title="Doctors">
          <DoctorReportsTable rows={doctors} />
        </Card>
      </div>
    </>
  );
}
