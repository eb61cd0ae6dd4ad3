import { getDb } from "@/lib/db";
import { sendMonthlyReportEmail as sendReportEmail } from "@/lib/notifications/reports";
import { inngest } from "../client";
import { reportsDoctorReportReady } from "../events";

/** One email per doctor and month, fanned out by the monthly reports cron. */
export const sendMonthlyReportEmail = inngest.createFunction(
  {
    id: "send-monthly-report-email",
    name: "Monthly report email",
    triggers: [reportsDoctorReportReady],
    idempotency: "event.data.reportId + '/' + event.data.month",
  },
  async ({ event, step }) => {
    const email = await step.run("email-monthly-report", () => sendReportEmail(getDb(), event.data));
    return { doctorId: event.data.doctorId, email };
  },
);
