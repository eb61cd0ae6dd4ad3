import { cron } from "inngest";
import { getDb } from "@/lib/db";
import { generateMonthlyReports as generateReports } from "@/lib/reports/service";
import { monthToDate, previousMonth } from "@/lib/reports/month";
import { inngest } from "../client";
import { reportsDoctorReportReady, reportsMonthRequested } from "../events";

const ANNOUNCE_BATCH = 500;

/**
 * On the 1st of each month at 03:00 UTC: last month's reports for every
 * doctor and the system, then one "report ready" email per doctor who had
 * visits or reviews. `reports/month.requested` recomputes any month on
 * demand, without announcing it again.
 */
export const generateMonthlyReports = inngest.createFunction(
  { id: "generate-monthly-reports", name: "Monthly reports", triggers: [cron("0 3 1 * *"), reportsMonthRequested], concurrency: { limit: 1 } },
  async ({ event, step }) => {
    const requested = event.name === reportsMonthRequested.name;
    const month = requested ? (event.data as { month: string }).month : previousMonth(new Date(event.ts ?? Date.now()));
    const generated = await step.run("compute-reports", () => generateReports(getDb(), { month, now: new Date(), actor: "system" }));
    if (requested) return { month, reports: generated.doctorReports.length + 1, announced: 0 };

    const toAnnounce = generated.doctorReports.filter((report) => report.active);
    for (let start = 0; start < toAnnounce.length; start += ANNOUNCE_BATCH) {
      const batch = toAnnounce.slice(start, start + ANNOUNCE_BATCH);
      await step.sendEvent(
        `announce-doctor-reports-${start / ANNOUNCE_BATCH + 1}`,
        batch.map((report) =>
          reportsDoctorReportReady.create(
            { reportId: report.id, doctorId: report.doctorId, month: monthToDate(month) },
            { id: `report-ready/${report.id}/${month}` },
          ),
        ),
      );
    }
    return { month, reports: generated.doctorReports.length + 1, announced: toAnnounce.length };
  },
);
