import { describe, expect, it } from "vitest";
import { atBoundary } from "@/tests/boundary";
import { bulkCancelSchema } from "./schemas";
import { listAppointmentsForAdmin } from "@/db/queries/appointments";
import { appointments } from "@/db/schema";
import { bookAppointment } from "@/lib/booking/service";
import { doctorAndPatient, paidAppointment, paymentOf, refundsOf, setUpPaymentTests } from "@/lib/payments/testing/test-kit";
import { useTestDb } from "@/tests/db";
import {
  TEST_NOW,
  adminActor,
  auditRowsFor,
  createDoctor,
  createPatient,
  getAppointment,
  insertAppointmentRow,
  localInstant,
  sideEffectsOf,
} from "@/tests/factories";
import {
  appointmentFilterSchema,
  appointmentsCsvStream,
  bulkCancelAppointments,
  neutraliseFormula,
  parseAppointmentFilter,
  toQueryFilter,
} from "./appointments";

const db = useTestDb({ max: 4 });

const TUESDAY_10 = localInstant("2030-03-05", "10:00");
const TUESDAY_11 = localInstant("2030-03-05", "11:00");

describe("bulk cancel", () => {
  it("cancels each selected appointment as the admin, each with its audit row and patient notice; one that cannot be cancelled is reported", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db);
    const [p1, p2, p3] = [await createPatient(db), await createPatient(db), await createPatient(db)];
    const first = await bookAppointment(db, { patientId: p1.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "" }, TEST_NOW);
    const second = await bookAppointment(db, { patientId: p2.id, doctorId: doctor.id, startsAt: TUESDAY_11, reason: "" }, TEST_NOW);
    const done = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: p3.id, startsAt: localInstant("2030-03-01", "10:00"), status: "completed" });

    const result = await bulkCancelAppointments(
      db,
      admin,
      { appointmentIds: [first.id, second.id, done.id], reason: "The clinic is closed for a burst pipe" },
      TEST_NOW,
    );
    expect(result.cancelled).toBe(2);
    expect(result.outcomes).toEqual([
      { id: first.id, ok: true },
      { id: second.id, ok: true },
      { id: done.id, ok: false, message: "Only upcoming appointments can be cancelled." },
    ]);
    for (const id of [first.id, second.id]) {
      expect(await getAppointment(db, id)).toMatchObject({
        status: "cancelled",
        cancelledBy: "admin",
        cancellationReason: "The clinic is closed for a burst pipe",
      });
      const trail = await sideEffectsOf(db, id);
      expect(trail.audit.at(-1)).toMatchObject({ actorId: admin.id, actorRole: "admin", action: "appointment.cancelled" });
      expect(trail.outbox.at(-1)).toMatchObject({ name: "appointment/cancelled", payload: { appointmentId: id, cancelledBy: "admin" } });
    }
    expect((await getAppointment(db, done.id)).status).toBe("completed");
  });

  it("a selection without a reason cancels nothing", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const booked = await bookAppointment(db, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "" }, TEST_NOW);
    await expect(
      atBoundary(bulkCancelSchema, { appointmentIds: [booked.id], reason: "" }, (input) => bulkCancelAppointments(db, admin, input, TEST_NOW)),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect((await getAppointment(db, booked.id)).status).toBe("confirmed");
  });
});

describe("bulk cancel of a paid appointment", () => {
  // Its own Stripe (the fake), only for this block: the tests above book without online payment.
  const ctx = setUpPaymentTests();

  it("refunds the full amount by policy, recorded and audited as the admin's refund, and sent to Stripe", async () => {
    const admin = await adminActor(ctx.db);
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const paid = await paidAppointment(ctx.db, { doctorId: doctor.id, patientId: patient.id, startsAt: localInstant("2030-03-07", "10:00") });

    const result = await bulkCancelAppointments(ctx.db, admin, { appointmentIds: [paid.appointment.id], reason: "The doctor is ill" }, TEST_NOW);
    expect(result.outcomes).toEqual([{ id: paid.appointment.id, ok: true }]);

    const [refund] = await refundsOf(ctx.db, paid.payment.id);
    expect(refund).toMatchObject({ amountMinor: 6000, status: "succeeded", requestedBy: admin.id, requestedByRole: "admin" });
    expect(refund.reason).toMatch(/cancelled by the clinic, so the full amount is refunded/);
    expect(await paymentOf(ctx.db, paid.appointment.id)).toMatchObject({ status: "refunded", refundedMinor: 6000 });
    expect(await auditRowsFor(ctx.db, "refund", refund.id)).toEqual([
      expect.objectContaining({
        action: "refund.recorded",
        actorId: admin.id,
        actorRole: "admin",
        after: {
          paymentId: paid.payment.id,
          appointmentId: paid.appointment.id,
          amountMinor: 6000,
          currency: paid.payment.currency,
          status: "pending",
          reason: refund.reason,
        },
      }),
      expect.objectContaining({
        action: "refund.succeeded",
        actorRole: "system",
        before: { status: "pending", stripeRefundId: null },
        after: { status: "succeeded", stripeRefundId: refund.stripeRefundId },
      }),
    ]);
    expect((await sideEffectsOf(ctx.db, paid.appointment.id)).audit.at(-1)).toMatchObject({ actorId: admin.id, action: "appointment.cancelled" });
  });
});

describe("filters", () => {
  it("reads status, people and an inclusive UTC date range from the query string", () => {
    const { values, problems } = parseAppointmentFilter({ status: "confirmed", doctor: " weber ", from: "2030-03-01", to: "2030-03-05", page: "2" });
    expect(problems).toEqual([]);
    const filter = toQueryFilter(values);
    expect(filter).toMatchObject({ statuses: ["confirmed"], doctor: "weber", from: new Date("2030-03-01T00:00:00Z"), to: new Date("2030-03-06T00:00:00Z") });
    expect(values.page).toBe(2);
  });

  it("reports a bad filter instead of failing", () => {
    expect(parseAppointmentFilter({ status: "lost", from: "yesterday" }).problems).toEqual(["Choose a status from the list.", "Use a date like 2026-03-31."]);
    expect(appointmentFilterSchema.safeParse({ from: "2030-03-05", to: "2030-03-01" }).success).toBe(false);
  });

  it("finds appointments by doctor email and status, and counts them", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: localInstant("2030-04-01", "10:00"), status: "no_show" });
    await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: localInstant("2030-04-02", "10:00"), status: "completed" });
    const { rows, total } = await listAppointmentsForAdmin(db, { doctor: doctor.email, statuses: ["no_show"] }, { page: 1, pageSize: 10 });
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({ status: "no_show", doctorId: doctor.id, patientId: patient.id });
    const percent = await listAppointmentsForAdmin(db, { doctor: "%" }, { page: 1, pageSize: 1 });
    expect(percent.total).toBe(0);
  });
});

describe("CSV export", () => {
  async function csvText(stream: ReadableStream<Uint8Array>) {
    return new Response(stream).text();
  }

  it("quotes commas, quotes and line breaks correctly and keeps text from becoming a formula", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db, { fullName: 'Dr. "Quote", Jr.' });
    const patient = await createPatient(db);
    await insertAppointmentRow(db, {
      doctorId: doctor.id,
      patientId: patient.id,
      startsAt: localInstant("2030-05-06", "10:00"),
      reason: 'Cough,\nfever and "chills"',
    });
    await insertAppointmentRow(db, {
      doctorId: doctor.id,
      patientId: patient.id,
      startsAt: localInstant("2030-05-07", "10:00"),
      reason: '=HYPERLINK("http://evil")',
    });
    const text = await csvText(await appointmentsCsvStream(db, admin, { doctor: doctor.email }));
    expect(text.split("\n")[0]).toBe(
      "Appointment ID,Starts at (UTC),Ends at (UTC),Status,Doctor,Doctor email,Specialization,Patient,Patient email,Price,Currency,Reason for visit,Cancellation reason,Cancelled by,Booked at (UTC)",
    );
    // RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled.
    expect(text).toContain(`,Confirmed,"Dr. ""Quote"", Jr.",${doctor.email},`);
    expect(text).toContain(`,60.00,EUR,"Cough,\nfever and ""chills""",,,`);
    expect(text).toContain(`,"'=HYPERLINK(""http://evil"")",,,`);
  });

  it("streams more rows than one chunk, oldest first, with one header", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db);
    const patients = await Promise.all(Array.from({ length: 3 }, () => createPatient(db)));
    const starts = Array.from({ length: 520 }, (_, i) => new Date(Date.UTC(2031, 0, 1) + i * 3_600_000));
    await db.insert(appointments).values(
      starts.map((startsAt, i) => ({
        doctorId: doctor.id,
        patientId: patients[i % 3].id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 20 * 60_000),
        status: "completed" as const,
        priceMinor: 6000,
        currency: "EUR",
      })),
    );
    const lines = (await csvText(await appointmentsCsvStream(db, admin, { doctor: doctor.email }))).trim().split("\n");
    expect(lines).toHaveLength(1 + starts.length);
    expect(lines.slice(1).map((line) => line.split(",")[1])).toEqual(starts.map((s) => s.toISOString()));
  });

  it("with nothing to export, it is just the header", async () => {
    const admin = await adminActor(db);
    const text = await csvText(await appointmentsCsvStream(db, admin, { doctor: "nobody-matches-this-8c1f" }));
    expect(text.trim().split("\n")).toHaveLength(1);
  });

  it("neutralises only what a spreadsheet would run", () => {
    expect(neutraliseFormula("+49 30 1234")).toBe("'+49 30 1234");
    expect(neutraliseFormula("Back pain")).toBe("Back pain");
    expect(neutraliseFormula(null)).toBe("");
  });
});
