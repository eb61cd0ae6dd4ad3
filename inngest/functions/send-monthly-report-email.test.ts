import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emails, reports } from "@/db/schema";
import { buildFigures } from "@/lib/reports/figures";
import { useTestDb } from "@/tests/db";
import { createDoctor } from "@/tests/factories";
import { sendMonthlyReportEmail } from "./send-monthly-report-email";

const db = useTestDb({ max: 3 });

describe("send-monthly-report-email", () => {
  it("sends the doctor the month's headline figures and a link to the full report", async () => {
    const doctor = await createDoctor(db, { fullName: "Dr. Monthly" });
    const figures = buildFigures({
      month: "2030-05",
      timeZone: "Europe/Berlin",
      generatedAt: new Date("2030-06-01T03:00:00Z"),
      appointments: { total: 5, pending_payment: 0, confirmed: 0, completed: 3, cancelled: 1, no_show: 1, rescheduled: 0, patients: 4 },
      weekdays: [{ weekday: 3, appointments: 4 }],
      money: [{ currency: "EUR", paid_minor: 24000, refunded_minor: 6000, refund_count: 1 }],
      rating: { rating_sum: 9, rating_count: 2 },
    });
    const [report] = await db.insert(reports).values({ kind: "doctor_monthly", doctorId: doctor.id, month: "2030-05-01", figures }).returning();

    const { result } = await new InngestTestEngine({
      function: sendMonthlyReportEmail,
      events: [{ name: "reports/doctor-report.ready", data: { reportId: report.id, doctorId: doctor.id, month: "2030-05-01" } }],
    }).execute();

    expect(result).toMatchObject({ email: { outcome: "stored" } });
    const [email] = await db
      .select()
      .from(emails)
      .where(and(eq(emails.userId, doctor.id), eq(emails.template, "monthly-report")));
    expect(email).toMatchObject({ toAddress: doctor.email, subject: "Your Careslot report for May 2030" });
    expect(email.text).toContain("5 (3 completed, 1 no-shows, 1 cancelled)");
    expect(email.text).toContain("75%");
    expect(email.text).toContain("€180.00");
    expect(email.text).toContain("4.50 from 2 reviews");
    expect(email.text).toContain("http://localhost:3000/doctor/reports/2030-05");
  });
});
