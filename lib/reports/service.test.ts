import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { getMonthReports } from "@/db/queries/reports";
import { appointments, doctorProfiles, reviews } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/inngest/testing/isolated-database";
import { insertPayment, insertRefund } from "@/inngest/testing/payments";
import { createDoctor, createPatients, insertAppointmentRow, localInstant, rejectionOf } from "@/tests/factories";
import { readFigures, type ReportFigures } from "./figures";
import { generateMonthlyReports } from "./service";

// A known month on a database of its own, so the system-wide totals are exact.
// May 2030: Berlin is UTC+2, New York UTC−4, so visits near midnight belong to
// different months for the doctor and for the system (UTC).

let database: IsolatedDatabase;
let db: Db;
const ids = {} as Record<"berlin" | "newYork" | "idle" | "unverified", string>;
const GENERATED_AT = new Date("2030-06-01T03:00:00Z");
const NY = "America/New_York";

const weekdays = (counts: Partial<Record<"Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday", number>>) =>
  (["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const).map((name, index) => ({
    weekday: index + 1,
    name,
    appointments: counts[name] ?? 0,
  }));

async function review(
  appointment: { id: string; doctorId: string; patientId: string },
  rating: number,
  createdAt: string,
  status: "visible" | "hidden" = "visible",
) {
  await db.insert(reviews).values({
    appointmentId: appointment.id,
    doctorId: appointment.doctorId,
    patientId: appointment.patientId,
    rating,
    body: "A review of this visit.",
    status,
    createdAt: new Date(createdAt),
  });
}

beforeAll(async () => {
  database = await createIsolatedDatabase("reports");
  db = database.db;
  const berlin = await createDoctor(db, { fullName: "Dr. Berlin", timeZone: "Europe/Berlin", priceMinor: 6000, currency: "EUR" });
  const newYork = await createDoctor(db, { fullName: "Dr. New York", timeZone: NY, priceMinor: 10000, currency: "USD" });
  ids.berlin = berlin.id;
  ids.newYork = newYork.id;
  ids.idle = (await createDoctor(db, { fullName: "Dr. Idle" })).id;
  ids.unverified = (await createDoctor(db, { fullName: "Dr. Unverified", verificationStatus: "pending" })).id;
  const [p1, p2, p3] = await createPatients(db, 3);
  const at = (date: string, time: string, zone = "Europe/Berlin") => localInstant(date, time, zone);
  const visit = (
    doctorId: string,
    patientId: string,
    startsAt: Date,
    status: typeof appointments.$inferInsert.status,
    extra: Partial<typeof appointments.$inferInsert> = {},
  ) =>
    insertAppointmentRow(db, {
      doctorId,
      patientId,
      startsAt,
      status,
      priceMinor: doctorId === newYork.id ? 10000 : 6000,
      currency: doctorId === newYork.id ? "USD" : "EUR",
      ...extra,
    });

  // Dr. Berlin
  const a1 = await visit(berlin.id, p1.id, at("2030-05-06", "10:00"), "completed");
  await insertPayment(db, a1);
  await review(a1, 5, "2030-05-06T12:00:00Z");
  const a2 = await visit(berlin.id, p2.id, at("2030-05-06", "11:00"), "completed");
  const partly = await insertPayment(db, a2, { status: "partially_refunded", refundedMinor: 2000 });
  await insertRefund(db, partly.id, { amountMinor: 2000 });
  await review(a2, 4, "2030-05-06T13:00:00Z");
  const a3 = await visit(berlin.id, p3.id, at("2030-05-07", "10:00"), "no_show");
  await insertPayment(db, a3);
  const a4 = await visit(berlin.id, p1.id, at("2030-05-08", "10:00"), "cancelled", { cancelledBy: "patient" });
  await insertPayment(db, a4, { status: "refunded", refundedMinor: 6000 });
  const a5 = await visit(berlin.id, p2.id, at("2030-05-13", "09:00"), "confirmed");
  await insertPayment(db, a5, { provider: "clinic", status: "due_at_visit", paidAt: null });
  const movedAway = await visit(berlin.id, p3.id, at("2030-05-14", "09:00"), "cancelled", { cancellationReason: "Rescheduled", cancelledBy: "patient" });
  const movedTo = await visit(berlin.id, p3.id, at("2030-05-20", "09:00"), "completed", { rescheduledFromId: movedAway.id });
  await review(movedTo, 2, "2030-05-20T12:00:00Z", "hidden");
  // 1 May 00:30 in Berlin is still 30 April in UTC: May for the doctor, April for the system.
  const a7 = await visit(berlin.id, p1.id, at("2030-05-01", "00:30"), "completed");
  await insertPayment(db, a7);
  await review(a7, 3, "2030-04-30T22:45:00Z");
  // 1 June 00:30 in Berlin is still 31 May in UTC: June for the doctor, May for the system.
  const a8 = await visit(berlin.id, p2.id, at("2030-06-01", "00:30"), "confirmed");
  await insertPayment(db, a8);
  const a9 = await visit(berlin.id, p3.id, at("2030-05-09", "10:00"), "pending_payment", { holdExpiresAt: at("2030-05-02", "10:00") });
  await insertPayment(db, a9, { status: "requires_payment", paidAt: null });

  // Dr. New York
  const b1 = await visit(newYork.id, p1.id, at("2030-05-15", "14:00", NY), "completed");
  await insertPayment(db, b1);
  await review(b1, 5, "2030-05-16T12:00:00Z");
  // 31 May 21:00 in New York is 1 June in UTC.
  await visit(newYork.id, p2.id, at("2030-05-31", "21:00", NY), "no_show");

  // Another month, which must stay out of May's figures.
  await visit(berlin.id, p1.id, at("2030-04-15", "10:00"), "completed");
});

afterAll(async () => {
  await database?.drop();
});

async function mayReports() {
  const month = await getMonthReports(db, "2030-05-01");
  const byDoctor = new Map(month.doctors.map((row) => [row.doctorId, { id: row.id, figures: readFigures(row.figures) }]));
  return { system: { id: month.system?.id, figures: readFigures(month.system?.figures) }, byDoctor };
}

describe("monthly reports", () => {
  it("computes each doctor's month in the doctor's zone and the system's in UTC, with exact figures", async () => {
    const generated = await generateMonthlyReports(db, { month: "2030-05", now: GENERATED_AT, actor: "system" });
    expect(generated.doctorReports.map((row) => row.doctorId).sort()).toEqual([ids.berlin, ids.newYork, ids.idle].sort());
    expect(
      generated.doctorReports
        .filter((row) => row.active)
        .map((row) => row.doctorId)
        .sort(),
    ).toEqual([ids.berlin, ids.newYork].sort());

    const { system, byDoctor } = await mayReports();
    expect(byDoctor.get(ids.berlin)?.figures).toEqual({
      version: 1,
      month: "2030-05",
      timeZone: "Europe/Berlin",
      generatedAt: "2030-06-01T03:00:00.000Z",
      appointments: { total: 8, pendingPayment: 1, confirmed: 1, completed: 4, cancelled: 1, noShow: 1, rescheduled: 1 },
      patients: 3,
      rates: { completion: 0.8, noShow: 0.2, cancellation: 0.125 },
      money: [{ currency: "EUR", paidMinor: 30000, refundedMinor: 8000, netMinor: 22000, refundCount: 2 }],
      rating: { average: 4, count: 3 },
      weekdays: weekdays({ Monday: 4, Tuesday: 1, Wednesday: 1, Thursday: 1 }),
      busiestWeekdays: ["Monday"],
    } satisfies ReportFigures);
    expect(byDoctor.get(ids.newYork)?.figures).toMatchObject({
      timeZone: NY,
      appointments: { total: 2, pendingPayment: 0, confirmed: 0, completed: 1, cancelled: 0, noShow: 1, rescheduled: 0 },
      patients: 2,
      rates: { completion: 0.5, noShow: 0.5, cancellation: 0 },
      money: [{ currency: "USD", paidMinor: 10000, refundedMinor: 0, netMinor: 10000, refundCount: 0 }],
      rating: { average: 5, count: 1 },
      weekdays: weekdays({ Wednesday: 1, Friday: 1 }),
      busiestWeekdays: ["Wednesday", "Friday"],
    });
    // A verified doctor with a quiet month still gets a report, of zeros; an unverified one without visits does not.
    expect(byDoctor.get(ids.idle)?.figures).toMatchObject({
      appointments: { total: 0, pendingPayment: 0, confirmed: 0, completed: 0, cancelled: 0, noShow: 0, rescheduled: 0 },
      rates: { completion: null, noShow: null, cancellation: null },
      money: [],
      rating: { average: null, count: 0 },
      busiestWeekdays: [],
    });
    expect(byDoctor.has(ids.unverified)).toBe(false);

    expect(system.figures).toEqual({
      version: 1,
      month: "2030-05",
      timeZone: "UTC",
      generatedAt: "2030-06-01T03:00:00.000Z",
      appointments: { total: 9, pendingPayment: 1, confirmed: 2, completed: 4, cancelled: 1, noShow: 1, rescheduled: 1 },
      patients: 3,
      doctors: 2,
      rates: { completion: 0.8, noShow: 0.2, cancellation: 0.1111 },
      money: [
        { currency: "EUR", paidMinor: 30000, refundedMinor: 8000, netMinor: 22000, refundCount: 2 },
        { currency: "USD", paidMinor: 10000, refundedMinor: 0, netMinor: 10000, refundCount: 0 },
      ],
      rating: { average: 4.67, count: 3 },
      weekdays: weekdays({ Monday: 4, Tuesday: 1, Wednesday: 1, Thursday: 1, Friday: 1 }),
      busiestWeekdays: ["Monday"],
    } satisfies ReportFigures);
  });

  it("recomputing a month replaces its reports in place and drops the ones with nothing left to report", async () => {
    const before = await mayReports();
    // The doctor records the outcomes still open: the confirmed visit and the no-show turn out completed.
    await db
      .update(appointments)
      .set({ status: "completed" })
      .where(and(eq(appointments.doctorId, ids.berlin), inArray(appointments.status, ["confirmed", "no_show"])));
    await db.update(doctorProfiles).set({ verificationStatus: "rejected" }).where(eq(doctorProfiles.userId, ids.idle));

    await generateMonthlyReports(db, { month: "2030-05", now: new Date("2030-06-02T09:00:00Z"), actor: "system" });

    const after = await mayReports();
    expect(after.byDoctor.get(ids.berlin)?.id).toBe(before.byDoctor.get(ids.berlin)?.id);
    expect(after.system.id).toBe(before.system.id);
    expect(after.byDoctor.get(ids.berlin)?.figures).toMatchObject({
      generatedAt: "2030-06-02T09:00:00.000Z",
      appointments: { total: 8, confirmed: 0, completed: 6, noShow: 0 },
      rates: { completion: 1, noShow: 0 },
    });
    expect(after.byDoctor.has(ids.idle)).toBe(false);
    expect([...after.byDoctor.keys()].sort()).toEqual([ids.berlin, ids.newYork].sort());
  });

  it("two generations of one month at once both succeed, leaving one report per doctor", async () => {
    await Promise.all([
      generateMonthlyReports(db, { month: "2030-05", now: GENERATED_AT, actor: "system" }),
      generateMonthlyReports(db, { month: "2030-05", now: GENERATED_AT, actor: "system" }),
    ]);
    const { byDoctor } = await mayReports();
    expect(byDoctor.size).toBe(2);
  });

  it("refuses a month that has not started, and a malformed one, with a message for the field", async () => {
    const future = await rejectionOf(generateMonthlyReports(db, { month: "2030-07", now: GENERATED_AT, actor: "system" }));
    expect(future).toBeInstanceOf(AppError);
    expect((future as AppError).fieldErrors).toEqual({ month: ["Choose a month that has already started."] });
    const malformed = await rejectionOf(generateMonthlyReports(db, { month: "2030-13", now: GENERATED_AT, actor: "system" }));
    expect((malformed as AppError).code).toBe("invalid_input");
  });
});
