import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { getDoctorReport } from "@/db/queries/reports";
import { PrintButton } from "@/components/reports/print-button";
import { PrintStyles } from "@/components/reports/print-styles";
import { ReportFiguresView } from "@/components/reports/report-figures";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { readFigures } from "@/lib/reports/figures";
import { formatMonth, isMonth, monthToDate } from "@/lib/reports/month";
import { ZoneName } from "@/components/ui/zone-name";

type Params = { params: Promise<{ month: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { month } = await params;
  return { title: isMonth(month) ? `Report for ${formatMonth(month)}` : "Report" };
}

/** The doctor's own month, printable. Another doctor's report is simply not found. */
export default async function DoctorMonthReportPage({ params }: Params) {
  const user = await requireRole("doctor");
  const { month } = await params;
  if (!isMonth(month)) notFound();
  const report = await getDoctorReport(getDb(), user.id, monthToDate(month));
  const figures = report ? readFigures(report.figures) : null;
  if (!report || !figures) notFound();
  return (
    <>
      <PrintStyles />
      <PageHeading
        title={`Report for ${formatMonth(month)}`}
        subtitle={
          <>
            {user.name}. Months and weekdays in <ZoneName timeZone={figures.timeZone} />; generated {formatDateTime(report.updatedAt, figures.timeZone)}.
          </>
        }
      />
      <div className="mb-6 flex flex-wrap gap-3 print:hidden">
        <PrintButton />
        <a href={`/doctor/reports/${month}/csv`} download className={buttonClasses("secondary")}>
          Download CSV
        </a>
        <Link href="/doctor/reports" className={buttonClasses("ghost")}>
          All reports
        </Link>
      </div>
      <Card>
        <ReportFiguresView figures={figures} />
      </Card>
    </>
  );
}
