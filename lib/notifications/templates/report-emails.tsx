import { Text } from "@react-email/components";
import type { ReportFigures } from "@/lib/reports/figures";
import { formatMonth } from "@/lib/reports/month";
import { formatTimeZone } from "@/lib/format";
import { EmailLayout } from "./email-layout";
import { ActionLinks, DetailList, formatAmount, paragraphStyle } from "./email-parts";

const percent = (value: number | null) => (value === null ? "no visits with an outcome yet" : `${Math.round(value * 1000) / 10}%`);

/** Sent to each doctor when the monthly cron has computed their report. */
export function MonthlyReportEmail({ doctorName, figures, reportUrl }: { doctorName: string; figures: ReportFigures; reportUrl: string }) {
  const month = formatMonth(figures.month);
  const revenue = figures.money.length === 0 ? "nothing paid online" : figures.money.map((line) => formatAmount(line.netMinor, line.currency)).join(", ");
  return (
    <EmailLayout preview={`Your Careslot report for ${month}`} heading={`Your report for ${month}`}>
      <Text style={paragraphStyle}>Hello {doctorName},</Text>
      <Text style={paragraphStyle}>Your monthly figures are ready. Times and weekdays are in your time zone, {formatTimeZone(figures.timeZone)}.</Text>
      <DetailList
        items={[
          {
            label: "Appointments",
            value: `${figures.appointments.total} (${figures.appointments.completed} completed, ${figures.appointments.noShow} no-shows, ${figures.appointments.cancelled} cancelled)`,
          },
          { label: "Completion rate", value: percent(figures.rates.completion) },
          { label: "Revenue after refunds", value: revenue },
          {
            label: "Average rating",
            value: figures.rating.average === null ? "no new reviews" : `${figures.rating.average.toFixed(2)} from ${figures.rating.count} reviews`,
          },
          { label: "Busiest weekdays", value: figures.busiestWeekdays.length ? figures.busiestWeekdays.join(", ") : "no visits" },
        ]}
      />
      <ActionLinks links={[{ label: "Open the full report", href: reportUrl }]} />
    </EmailLayout>
  );
}
