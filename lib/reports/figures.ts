import { z } from "zod";

// The figures stored in reports.figures, and how they are derived from the
// SQL aggregates. Pure and versioned, so old rows can still be read.

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const count = z.number().int().nonnegative();
const fraction = z.number().min(0).max(1).nullable();

export const reportFiguresSchema = z.object({
  version: z.literal(1),
  month: z.string(),
  timeZone: z.string(),
  generatedAt: z.string(),
  appointments: z.object({
    total: count,
    pendingPayment: count,
    confirmed: count,
    completed: count,
    cancelled: count,
    noShow: count,
    rescheduled: count,
  }),
  patients: count,
  rates: z.object({ completion: fraction, noShow: fraction, cancellation: fraction }),
  money: z.array(z.object({ currency: z.string(), paidMinor: count, refundedMinor: count, netMinor: z.number().int(), refundCount: count })),
  rating: z.object({ average: z.number().nullable(), count }),
  weekdays: z.array(z.object({ weekday: z.number().int().min(1).max(7), name: z.string(), appointments: count })),
  busiestWeekdays: z.array(z.string()),
  doctors: count.optional(),
});

export type ReportFigures = z.infer<typeof reportFiguresSchema>;

export interface FigureInputs {
  month: string;
  timeZone: string;
  generatedAt: Date;
  appointments?: {
    total: number;
    pending_payment: number;
    confirmed: number;
    completed: number;
    cancelled: number;
    no_show: number;
    rescheduled: number;
    patients: number;
  };
  weekdays: { weekday: number; appointments: number }[];
  money: { currency: string; paid_minor: number; refunded_minor: number; refund_count: number }[];
  rating?: { rating_sum: number; rating_count: number };
  doctors?: number;
}

/** A share rounded to four places (0.6667), or null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * Completion and no-show rates are over the visits whose outcome is known
 * (completed + no-show): a visit not yet marked says nothing either way.
 * The cancellation rate is over every visit of the month.
 */
export function buildFigures(input: FigureInputs): ReportFigures {
  const a = input.appointments ?? { total: 0, pending_payment: 0, confirmed: 0, completed: 0, cancelled: 0, no_show: 0, rescheduled: 0, patients: 0 };
  const outcomes = a.completed + a.no_show;
  const weekdays = WEEKDAY_NAMES.map((name, index) => ({
    weekday: index + 1,
    name,
    appointments: input.weekdays.find((row) => row.weekday === index + 1)?.appointments ?? 0,
  }));
  const peak = Math.max(...weekdays.map((day) => day.appointments));
  const ratingCount = input.rating?.rating_count ?? 0;
  return {
    version: 1,
    month: input.month,
    timeZone: input.timeZone,
    generatedAt: input.generatedAt.toISOString(),
    appointments: {
      total: a.total,
      pendingPayment: a.pending_payment,
      confirmed: a.confirmed,
      completed: a.completed,
      cancelled: a.cancelled,
      noShow: a.no_show,
      rescheduled: a.rescheduled,
    },
    patients: a.patients,
    rates: { completion: share(a.completed, outcomes), noShow: share(a.no_show, outcomes), cancellation: share(a.cancelled, a.total) },
    money: input.money
      .map((row) => ({
        currency: row.currency,
        paidMinor: row.paid_minor,
        refundedMinor: row.refunded_minor,
        netMinor: row.paid_minor - row.refunded_minor,
        refundCount: row.refund_count,
      }))
      .sort((x, y) => x.currency.localeCompare(y.currency)),
    rating: { average: ratingCount === 0 ? null : Math.round(((input.rating?.rating_sum ?? 0) / ratingCount) * 100) / 100, count: ratingCount },
    weekdays,
    busiestWeekdays: peak === 0 ? [] : weekdays.filter((day) => day.appointments === peak).map((day) => day.name),
    ...(input.doctors === undefined ? {} : { doctors: input.doctors }),
  };
}

/** Reads stored figures; null for a row this version cannot read. */
export function readFigures(value: unknown): ReportFigures | null {
  const parsed = reportFiguresSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
