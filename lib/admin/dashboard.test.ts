// The dashboard's figures come from SQL aggregates over time windows. Each
// test picks a far-future year of its own, so only its rows fall inside.
import { describe, expect, it } from "vitest";
import { payments, specializations } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { adminActor, createDoctor, createPatient, insertAppointmentRow, rejectionOf } from "@/tests/factories";
import { dashboardRanges, loadDashboard, noShowRate, revenueSeries } from "./dashboard";
import { doctorProfiles } from "@/db/schema";
import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";

const db = useTestDb({ max: 4 });

const year = 2300 + Math.floor(Math.random() * 600);
const at = (month: number, day: number, hour = 10) => new Date(Date.UTC(year, month - 1, day, hour));

describe("dashboard ranges", () => {
  it("are UTC days and months ending with today and this month", () => {
    const r = dashboardRanges(new Date("2030-03-15T23:30:00Z"));
    expect(r).toMatchObject({ firstDay: "2030-02-14", lastDay: "2030-03-15", firstMonth: "2029-04-01", lastMonth: "2030-03-01" });
    expect(r.monthStart.toISOString()).toBe("2030-03-01T00:00:00.000Z");
    expect(r.tomorrowStart.toISOString()).toBe("2030-03-16T00:00:00.000Z");
  });

  it("shape revenue rows into one point per month with a value per currency", () => {
    expect(
      revenueSeries([
        { month: "2030-01", currency: null, netMinor: 0 },
        { month: "2030-02", currency: "EUR", netMinor: 12_50 },
        { month: "2030-02", currency: "GBP", netMinor: 3_00 },
      ]),
    ).toEqual({
      currencies: ["EUR", "GBP"],
      points: [
        { month: "2030-01", EUR: 0, GBP: 0 },
        { month: "2030-02", EUR: 12.5, GBP: 3 },
      ],
    });
    expect(noShowRate(0, 0)).toBeNull();
    expect(noShowRate(1, 4)).toBe(0.25);
  });
});

describe("loadDashboard", () => {
  it("counts appointments per day and status, revenue per month net of refunds, by specialization, and the no-show rate", async () => {
    const admin = await adminActor(db);
    const [spec] = await db
      .insert(specializations)
      .values({ name: `Dash ${randomUUID()}`, slug: `dash-${randomUUID()}` })
      .returning();
    const doctor = await createDoctor(db);
    await db.update(doctorProfiles).set({ specializationId: spec.id }).where(eq(doctorProfiles.userId, doctor.id));
    const patient = await createPatient(db);
    const now = at(6, 20, 12);
    const visit = (startsAt: Date, status: "confirmed" | "completed" | "cancelled" | "no_show") =>
      insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt, status });
    const completed = await visit(at(6, 18), "completed");
    await visit(at(6, 18, 11), "no_show");
    await visit(at(6, 19), "completed");
    await visit(at(6, 20, 9), "completed");
    await visit(at(6, 20, 15), "confirmed");
    await visit(at(6, 20, 16), "cancelled");
    await visit(at(4, 2), "completed");
    await db.insert(payments).values([
      {
        appointmentId: completed.id,
        patientId: patient.id,
        doctorId: doctor.id,
        provider: "stripe",
        status: "paid",
        amountMinor: 6000,
        currency: "EUR",
        paidAt: at(6, 18),
      },
      {
        appointmentId: completed.id,
        patientId: patient.id,
        doctorId: doctor.id,
        provider: "stripe",
        status: "partially_refunded",
        amountMinor: 6000,
        refundedMinor: 2000,
        currency: "EUR",
        paidAt: at(6, 19),
      },
      {
        appointmentId: completed.id,
        patientId: patient.id,
        doctorId: doctor.id,
        provider: "stripe",
        status: "failed",
        amountMinor: 9999,
        currency: "EUR",
        paidAt: at(6, 19),
      },
      {
        appointmentId: completed.id,
        patientId: patient.id,
        doctorId: doctor.id,
        provider: "clinic",
        status: "paid",
        amountMinor: 500,
        currency: "GBP",
        paidAt: at(4, 2),
      },
    ]);

    const { summary, perDay, revenue, bySpecialization } = await loadDashboard(db, admin, now);
    expect(summary).toMatchObject({
      appointmentsToday: 2,
      appointmentsThisMonth: 5,
      noShows: 1,
      attendedOrMissed: 4,
      noShowRate: 0.25,
      revenueThisMonth: [{ currency: "EUR", netMinor: 10_000 }],
    });
    expect(perDay).toHaveLength(30);
    expect(perDay.at(-1)).toEqual({ day: `${year}-06-20`, pending_payment: 0, confirmed: 1, completed: 1, cancelled: 1, no_show: 0 });
    expect(perDay.at(-3)).toEqual({ day: `${year}-06-18`, pending_payment: 0, confirmed: 0, completed: 1, cancelled: 0, no_show: 1 });
    expect(perDay.slice(0, -3).every((d) => d.confirmed + d.completed + d.cancelled + d.no_show + d.pending_payment === 0)).toBe(true);
    expect(revenue.currencies).toEqual(["EUR", "GBP"]);
    expect(revenue.points).toHaveLength(12);
    expect(revenue.points.find((p) => p.month === `${year}-06`)).toEqual({ month: `${year}-06`, EUR: 100, GBP: 0 });
    expect(revenue.points.find((p) => p.month === `${year}-04`)).toEqual({ month: `${year}-04`, EUR: 0, GBP: 5 });
    expect(bySpecialization).toEqual([{ name: spec.name, appointments: 6 }]);
  });

  it("is for admins only", async () => {
    const patient = await createPatient(db);
    expect(((await rejectionOf(loadDashboard(db, { id: patient.id, role: "patient" }, new Date()))) as AppError).code).toBe("forbidden");
  });
});
