import { stringify } from "csv-stringify/sync";
import type { ReportFigures } from "./figures";
import { currencyDigits } from "./format";

export interface CsvReport {
  /** "All doctors" for the system-wide report. */
  name: string;
  doctorId: string | null;
  figures: ReportFigures;
}

/** Minor units as a plain decimal in the currency's own precision: 6000 EUR → "60.00". */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const absolute = Math.abs(minor);
  if (digits === 0) return `${sign}${absolute}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(absolute / scale)}.${String(absolute % scale).padStart(digits, "0")}`;
}

/** A name a spreadsheet would run as a formula (=, +, -, @) is kept as text. */
export function textCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const rate = (value: number | null) => (value === null ? "" : value.toFixed(4));

/**
 * One row per report. Money gets three columns per currency that occurs in
 * any row (paid, refunded, net), so a spreadsheet can sum them.
 */
export function reportsToCsv(reports: CsvReport[]): string {
  const currencies = [...new Set(reports.flatMap((report) => report.figures.money.map((line) => line.currency)))].sort();
  const header = [
    "month",
    "doctor",
    "doctor_id",
    "time_zone",
    "appointments",
    "pending_payment",
    "confirmed",
    "completed",
    "no_show",
    "cancelled",
    "rescheduled",
    "patients",
    "completion_rate",
    "no_show_rate",
    "cancellation_rate",
    ...currencies.flatMap((currency) => [`paid_${currency}`, `refunded_${currency}`, `net_revenue_${currency}`]),
    "refunds",
    "average_rating",
    "reviews",
    "busiest_weekdays",
  ];
  const rows = reports.map(({ name, doctorId, figures }) => {
    const money = new Map(figures.money.map((line) => [line.currency, line]));
    return [
      figures.month,
      textCell(name),
      doctorId ?? "",
      figures.timeZone,
      figures.appointments.total,
      figures.appointments.pendingPayment,
      figures.appointments.confirmed,
      figures.appointments.completed,
      figures.appointments.noShow,
      figures.appointments.cancelled,
      figures.appointments.rescheduled,
      figures.patients,
      rate(figures.rates.completion),
      rate(figures.rates.noShow),
      rate(figures.rates.cancellation),
      ...currencies.flatMap((currency) => {
        const line = money.get(currency);
        return line
          ? [minorToDecimal(line.paidMinor, currency), minorToDecimal(line.refundedMinor, currency), minorToDecimal(line.netMinor, currency)]
          : ["", "", ""];
      }),
      figures.money.reduce((sum, line) => sum + line.refundCount, 0),
      figures.rating.average === null ? "" : figures.rating.average.toFixed(2),
      figures.rating.count,
      figures.busiestWeekdays.join(" "),
    ];
  });
  return stringify([header, ...rows]);
}
