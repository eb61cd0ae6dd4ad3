import { createElement } from "react";
import type { Db } from "@/db/client";
import { getDoctorContact } from "@/db/queries/profiles";
import { getDoctorReport } from "@/db/queries/reports";
import { absoluteUrl } from "@/lib/env";
import { readFigures } from "@/lib/reports/figures";
import { dateToMonth, formatMonth } from "@/lib/reports/month";
import { sendFromJob, type MailResult } from "./mailer";
import { MonthlyReportEmail } from "./templates/report-emails";

/** Tells a doctor their monthly report is ready, with its headline figures. */
export async function sendMonthlyReportEmail(db: Db, input: { reportId: string; doctorId: string; month: string }): Promise<MailResult> {
  const [doctor, report] = await Promise.all([getDoctorContact(db, input.doctorId), getDoctorReport(db, input.doctorId, input.month)]);
  if (!doctor || !doctor.active) return { outcome: "skipped", reason: "doctor not active" };
  const figures = report ? readFigures(report.figures) : null;
  if (!figures) return { outcome: "skipped", reason: "report not found" };
  const month = dateToMonth(input.month);
  return sendFromJob(
    db,
    {
      to: doctor.email,
      userId: doctor.id,
      template: "monthly-report",
      kind: "monthly_reports",
      subject: `Your Careslot report for ${formatMonth(month)}`,
      body: createElement(MonthlyReportEmail, { doctorName: doctor.name, figures, reportUrl: absoluteUrl(`/doctor/reports/${month}`) }),
      idempotencyKey: `monthly-report/${input.reportId}/${month}`,
    },
    `monthly report email for ${input.doctorId}`,
  );
}
