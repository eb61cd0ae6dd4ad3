import { describe, expect, it } from "vitest";
import { reportsToCsv, minorToDecimal } from "./csv";
import { buildFigures } from "./figures";

const figures = (overrides: Partial<Parameters<typeof buildFigures>[0]> = {}) =>
  buildFigures({
    month: "2030-05",
    timeZone: "Europe/Berlin",
    generatedAt: new Date("2030-06-01T03:00:00Z"),
    appointments: { total: 3, pending_payment: 0, confirmed: 1, completed: 1, cancelled: 1, no_show: 0, rescheduled: 0, patients: 2 },
    weekdays: [{ weekday: 2, appointments: 2 }],
    money: [{ currency: "EUR", paid_minor: 12050, refunded_minor: 50, refund_count: 1 }],
    rating: { rating_sum: 9, rating_count: 2 },
    ...overrides,
  });

describe("reports CSV", () => {
  it("writes one row per report, money per currency in its own precision, and quotes what needs it", () => {
    const csv = reportsToCsv([
      {
        name: "All doctors",
        doctorId: null,
        figures: figures({
          money: [
            { currency: "JPY", paid_minor: 5000, refunded_minor: 0, refund_count: 0 },
            { currency: "EUR", paid_minor: 12050, refunded_minor: 50, refund_count: 1 },
          ],
        }),
      },
      { name: "Weber, Lena", doctorId: "d1", figures: figures() },
      { name: '=HYPERLINK("x")', doctorId: "d2", figures: figures({ appointments: undefined, money: [], rating: undefined, weekdays: [] }) },
    ]);
    expect(csv.split("\n")).toEqual([
      "month,doctor,doctor_id,time_zone,appointments,pending_payment,confirmed,completed,no_show,cancelled,rescheduled,patients,completion_rate,no_show_rate,cancellation_rate,paid_EUR,refunded_EUR,net_revenue_EUR,paid_JPY,refunded_JPY,net_revenue_JPY,refunds,average_rating,reviews,busiest_weekdays",
      "2030-05,All doctors,,Europe/Berlin,3,0,1,1,0,1,0,2,1.0000,0.0000,0.3333,120.50,0.50,120.00,5000,0,5000,1,4.50,2,Tuesday",
      '2030-05,"Weber, Lena",d1,Europe/Berlin,3,0,1,1,0,1,0,2,1.0000,0.0000,0.3333,120.50,0.50,120.00,,,,1,4.50,2,Tuesday',
      '2030-05,"\'=HYPERLINK(""x"")",d2,Europe/Berlin,0,0,0,0,0,0,0,0,,,,,,,,,,0,,0,',
      "",
    ]);
  });

  it("formats minor units exactly, without floating point", () => {
    expect(minorToDecimal(1, "EUR")).toBe("0.01");
    expect(minorToDecimal(123456789, "USD")).toBe("1234567.89");
    expect(minorToDecimal(-250, "GBP")).toBe("-2.50");
    expect(minorToDecimal(1500, "JPY")).toBe("1500");
  });
});
