import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { refundPaymentManually } from "@/lib/admin/refunds";
import { bookAppointment, rescheduleAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { doctorEarningsByMonth, listDueAtVisitForDoctor } from "@/db/queries/payments";
import { TEST_NOW, createAdmin, createDoctor, createPatient, localInstant, rejectionOf } from "@/tests/factories";
import { markPaidAtClinic } from "./clinic";
import { TUESDAY_10, doctorAndPatient, heldWithSession, paidAppointment, paidVisit, paymentOf, setUpPaymentTests, withoutStripe } from "./testing/test-kit";

// Split from refunds.test.ts: fees paid at the clinic, and a paid visit moved to a new time.
const ctx = setUpPaymentTests();
const asAdmin = (user: { id: string }) => ({ id: user.id, role: "admin" as const });

const paid = () => paidVisit(ctx);

describe("paying at the clinic", () => {
  it("the doctor marks the fee paid, audited; another doctor cannot; it cannot be marked twice", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const other = await createDoctor(ctx.db);
    const appointment = await withoutStripe(ctx, () =>
      bookAppointment(ctx.db, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "" }, TEST_NOW),
    );

    expect(((await rejectionOf(markPaidAtClinic(ctx.db, { appointmentId: appointment.id, doctorId: other.id }, TEST_NOW))) as AppError).code).toBe("not_found");
    const marked = await markPaidAtClinic(ctx.db, { appointmentId: appointment.id, doctorId: doctor.id }, TUESDAY_10);
    expect(marked).toMatchObject({ provider: "clinic", status: "paid", paidAt: TUESDAY_10 });
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, marked.id), eq(auditLog.action, "payment.marked_paid")));
    expect(audit).toEqual([expect.objectContaining({ actorId: doctor.id, actorRole: "doctor" })]);
    expect(((await rejectionOf(markPaidAtClinic(ctx.db, { appointmentId: appointment.id, doctorId: doctor.id }, TUESDAY_10))) as AppError).code).toBe(
      "conflict",
    );
  });

  it("the doctor's earnings by month count received, refunded and still-due money separately", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const second = await createPatient(ctx.db);
    const admin = await createAdmin(ctx.db);
    const dueVisit = await withoutStripe(ctx, () =>
      bookAppointment(ctx.db, { patientId: second.id, doctorId: doctor.id, startsAt: localInstant("2030-03-06", "10:00"), reason: "" }, TEST_NOW),
    );
    expect(dueVisit.status).toBe("confirmed");
    const p = await paidAppointment(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    await refundPaymentManually(ctx.db, asAdmin(admin), { paymentId: p.payment.id, amountMinor: 1000, reason: "Late start" });
    expect(await doctorEarningsByMonth(ctx.db, doctor.id, "Europe/Berlin")).toEqual([
      { month: "2030-03", currency: "EUR", paidMinor: 6000, refundedMinor: 1000, dueMinor: 6000 },
    ]);
  });

  it("the doctor's fees due at the clinic page soonest first, with how many there are, and only their own", async () => {
    const { doctor } = await doctorAndPatient(ctx.db);
    const other = await doctorAndPatient(ctx.db);
    const days = ["2030-03-07", "2030-03-05", "2030-03-06"];
    for (const day of days) {
      const patient = await createPatient(ctx.db);
      await withoutStripe(ctx, () =>
        bookAppointment(ctx.db, { patientId: patient.id, doctorId: doctor.id, startsAt: localInstant(day, "10:00"), reason: "" }, TEST_NOW),
      );
    }
    await withoutStripe(ctx, () =>
      bookAppointment(ctx.db, { patientId: other.patient.id, doctorId: other.doctor.id, startsAt: TUESDAY_10, reason: "" }, TEST_NOW),
    );
    const first = await listDueAtVisitForDoctor(ctx.db, doctor.id, { page: 1, pageSize: 2 });
    const second = await listDueAtVisitForDoctor(ctx.db, doctor.id, { page: 2, pageSize: 2 });
    expect([first.total, second.total]).toEqual([3, 3]);
    expect([...first.rows, ...second.rows].map((row) => row.appointmentStartsAt)).toEqual(
      ["2030-03-05", "2030-03-06", "2030-03-07"].map((day) => localInstant(day, "10:00")),
    );
  });

  it("a fee cannot be marked paid before the visit starts", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const appointment = await withoutStripe(ctx, () =>
      bookAppointment(ctx.db, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "" }, TEST_NOW),
    );
    const early = (await rejectionOf(
      markPaidAtClinic(ctx.db, { appointmentId: appointment.id, doctorId: doctor.id }, new Date(TUESDAY_10.getTime() - 60_000)),
    )) as AppError;
    expect(early).toMatchObject({ code: "conflict", message: "This visit has not started yet. Mark the fee paid at the visit, once it has begun." });
    expect(await paymentOf(ctx.db, appointment.id)).toMatchObject({ status: "due_at_visit", paidAt: null });
    expect(await markPaidAtClinic(ctx.db, { appointmentId: appointment.id, doctorId: doctor.id }, TUESDAY_10)).toMatchObject({ status: "paid" });
  });

  it("a card payment can never be marked paid by the doctor: only the webhook marks it paid", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const held = await heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    expect(((await rejectionOf(markPaidAtClinic(ctx.db, { appointmentId: held.appointment.id, doctorId: doctor.id }, TEST_NOW))) as AppError).code).toBe(
      "conflict",
    );
    expect(await paymentOf(ctx.db, held.appointment.id)).toMatchObject({ status: "requires_payment" });
  });
});

describe("rescheduling a paid appointment", () => {
  it("moves the payment with the visit, so the new time is the paid one", async () => {
    const p = await paid();
    const moved = await rescheduleAppointment(
      ctx.db,
      { appointmentId: p.appointment.id, actor: { id: p.patient.id, role: "patient" }, newStartsAt: localInstant("2030-03-06", "11:00") },
      TEST_NOW,
    );
    expect(await paymentOf(ctx.db, moved.id)).toMatchObject({ id: p.payment.id, status: "paid" });
    expect(await paymentOf(ctx.db, p.appointment.id)).toBeUndefined();
  });
});
