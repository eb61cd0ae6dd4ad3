// The front desk books through the one booking service: the same slot engine,
// no-overlap constraints and payments as a patient's own booking; the audit
// row names who booked (the actor) and for whom (the patient). A doctor books
// only into their own calendar; a patient cannot use the front desk at all.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emails, payments, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { sendConfirmation, sendPaymentLink } from "@/lib/notifications/appointments";
import { setStripeSetupForTests } from "@/lib/payments/stripe-client";
import { TEST_WEBHOOK_SECRET, fakeStripeClient } from "@/lib/payments/testing/fake-stripe";
import { paymentOf, setUpPaymentTests } from "@/lib/payments/testing/test-kit";
import type { Actor } from "@/lib/vocabulary";
import {
  TEST_NOW,
  adminActor,
  appointmentsOfDoctor,
  appointmentsOfPatient,
  createDoctor,
  createPatient,
  localInstant,
  outboxRowsFor,
  rejectionOf,
  sideEffectsOf,
  traceOfUser,
} from "@/tests/factories";
import { bookForPatient, findPatientsForFrontDesk } from "./booking";
import { bookAppointment } from "@/lib/booking/service";

// Online payment is on in this file, so "Pay at the clinic" is a real choice and "Email a payment link" a real hold.
const ctx = setUpPaymentTests();
const db = () => ctx.db;

const TUESDAY_10 = localInstant("2030-03-05", "10:00");
const TUESDAY_11 = localInstant("2030-03-05", "11:00");

async function refused(promise: Promise<unknown>, code: AppError["code"], message?: RegExp) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

async function people() {
  const doctor = await createDoctor(db(), { fullName: "Dr. Desk" });
  const patient = await createPatient(db(), { fullName: "Phoned In" });
  return { doctor, patient, doctorActor: { id: doctor.id, role: "doctor" } as Actor };
}

describe("booking for a patient", () => {
  it("a doctor books into their own calendar: confirmed, paid at the clinic, audited as the doctor for the patient", async () => {
    const { doctor, patient, doctorActor } = await people();
    const appointment = await bookForPatient(
      db(),
      doctorActor,
      { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "Phoned about a cough", payment: "clinic" },
      TEST_NOW,
    );
    expect(appointment).toMatchObject({ status: "confirmed", patientId: patient.id, doctorId: doctor.id, reason: "Phoned about a cough" });
    expect(await paymentOf(db(), appointment.id)).toMatchObject({ provider: "clinic", status: "due_at_visit", amountMinor: 6000 });

    const { audit, events, outbox } = await sideEffectsOf(db(), appointment.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: doctor.id, actorRole: "doctor", action: "appointment.booked" });
    expect(audit[0]!.after).toMatchObject({ patientId: patient.id, bookedForPatientId: patient.id, doctorId: doctor.id, payment: "clinic" });
    expect(events.map((event) => [event.actorRole, event.actorId, event.note])).toEqual([["doctor", doctor.id, "Booked by the doctor for the patient"]]);
    expect(outbox.map((row) => [row.name, (row.payload as { bookedBy?: string }).bookedBy])).toEqual([["appointment/booked", "doctor"]]);
  });

  it("the patient is emailed the confirmation, saying who booked it", async () => {
    const { doctor, patient, doctorActor } = await people();
    const appointment = await bookForPatient(
      db(),
      doctorActor,
      { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payment: "clinic" },
      TEST_NOW,
    );
    expect(await sendConfirmation(db(), appointment.id, "patient", "doctor")).toMatchObject({ outcome: "stored" });
    const [mail] = await db()
      .select()
      .from(emails)
      .where(and(eq(emails.appointmentId, appointment.id), eq(emails.toAddress, patient.email)));
    expect(mail).toMatchObject({ template: "booking-confirmation-patient" });
    expect(mail!.text).toContain("Dr. Desk booked this appointment for you.");
  });

  it("an admin books with any doctor; the audit row names the admin and the patient", async () => {
    const { doctor, patient } = await people();
    const admin = await adminActor(db());
    const appointment = await bookForPatient(
      db(),
      admin,
      { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payment: "clinic" },
      TEST_NOW,
    );
    const [audit] = (await sideEffectsOf(db(), appointment.id)).audit;
    expect(audit).toMatchObject({ actorId: admin.id, actorRole: "admin", action: "appointment.booked" });
    expect(audit!.after).toMatchObject({ bookedForPatientId: patient.id });
    expect(await appointmentsOfPatient(db(), patient.id)).toHaveLength(1);
  });

  it("an emailed payment link holds the slot like an online booking, and the patient gets the link", async () => {
    const { doctor, patient, doctorActor } = await people();
    const appointment = await bookForPatient(
      db(),
      doctorActor,
      { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payment: "link" },
      TEST_NOW,
    );
    expect(appointment.status).toBe("pending_payment");
    expect(appointment.holdExpiresAt).not.toBeNull();
    expect(await paymentOf(db(), appointment.id)).toMatchObject({ provider: "stripe", status: "requires_payment" });
    expect(await sendPaymentLink(db(), appointment.id)).toMatchObject({ outcome: "stored" });
    const [mail] = await db()
      .select()
      .from(emails)
      .where(and(eq(emails.appointmentId, appointment.id), eq(emails.template, "appointment-payment-link")));
    expect(mail!.toAddress).toBe(patient.email);
    expect(mail!.text).toContain(`/patient/appointments/${appointment.id}?checkout=start`);
    // A confirmation waits for the payment, as for a patient's own hold.
    expect(await sendConfirmation(db(), appointment.id, "patient", "doctor")).toMatchObject({ outcome: "skipped" });
  });

  it("a walk-in who has not confirmed their address yet can be booked by staff (but cannot book themselves)", async () => {
    const { doctor, doctorActor } = await people();
    const walkIn = await createPatient(db(), { verified: false });
    await refused(bookAppointment(db(), { patientId: walkIn.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "" }, TEST_NOW), "forbidden");
    const appointment = await bookForPatient(
      db(),
      doctorActor,
      { patientId: walkIn.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payment: "clinic" },
      TEST_NOW,
    );
    expect(appointment.status).toBe("confirmed");
  });
});

describe("the same constraints as a patient's own booking", () => {
  it("the patient's overlapping visit with another doctor is refused with a clear message, and nothing is written", async () => {
    const { doctor, patient, doctorActor } = await people();
    // Free, so confirmed at once (a patient's own unpaid hold would be replaced, as when they book again themselves).
    const other = await createDoctor(db(), { priceMinor: 0 });
    await bookAppointment(db(), { patientId: patient.id, doctorId: other.id, startsAt: TUESDAY_10, reason: "" }, TEST_NOW);
    const before = await traceOfUser(db(), patient.id);
    await refused(
      bookForPatient(db(), doctorActor, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payment: "clinic" }, TEST_NOW),
      "conflict",
      /^The patient already has another appointment at that time/,
    );
    expect(await appointmentsOfDoctor(db(), doctor.id)).toEqual([]);
    expect(await traceOfUser(db(), patient.id)).toEqual(before);
  });

  it("a time another patient holds in the doctor's calendar is refused: the slot engine and the no-overlap rule", async () => {
    const { doctor, patient, doctorActor } = await people();
    const first = await createPatient(db());
    await bookAppointment(db(), { patientId: first.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "" }, TEST_NOW);
    await refused(
      bookForPatient(db(), doctorActor, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payment: "clinic" }, TEST_NOW),
      "slot_taken",
      /not available any more/,
    );
    expect(await appointmentsOfPatient(db(), patient.id)).toEqual([]);
  });

  it("a time the doctor does not offer (outside hours, inside the minimum notice) is refused", async () => {
    const { doctor, patient, doctorActor } = await people();
    const book = (startsAt: Date) =>
      bookForPatient(db(), doctorActor, { patientId: patient.id, doctorId: doctor.id, startsAt, reason: "", payment: "clinic" }, TEST_NOW);
    await refused(book(localInstant("2030-03-05", "20:00")), "slot_taken");
    await refused(book(localInstant("2030-03-04", "10:00")), "slot_taken"); // one hour from now; the notice is two
    expect(await appointmentsOfPatient(db(), patient.id)).toEqual([]);
  });

  it("a payment link needs online payment; without it the front desk is told to choose the clinic", async () => {
    const { doctor, patient, doctorActor } = await people();
    setStripeSetupForTests(null);
    try {
      await refused(
        bookForPatient(db(), doctorActor, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payment: "link" }, TEST_NOW),
        "conflict",
        /no payment link can be sent. Choose “Pay at the clinic”/,
      );
    } finally {
      setStripeSetupForTests({ client: fakeStripeClient(ctx.fake), webhookSecret: TEST_WEBHOOK_SECRET });
    }
    expect(await appointmentsOfPatient(db(), patient.id)).toEqual([]);
  });

  it("a free visit has nothing to pay: the payment choice is ignored and it is confirmed", async () => {
    const free = await createDoctor(db(), { priceMinor: 0 });
    const patient = await createPatient(db());
    const booked = await bookForPatient(
      db(),
      { id: free.id, role: "doctor" },
      { patientId: patient.id, doctorId: free.id, startsAt: TUESDAY_11, reason: "", payment: "link" },
      TEST_NOW,
    );
    expect(booked.status).toBe("confirmed");
    expect(await db().select().from(payments).where(eq(payments.appointmentId, booked.id))).toEqual([]);
  });

  it("a deactivated patient cannot be booked for", async () => {
    const { doctor, patient, doctorActor } = await people();
    await db().update(users).set({ active: false }).where(eq(users.id, patient.id));
    await refused(
      bookForPatient(db(), doctorActor, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payment: "clinic" }, TEST_NOW),
      "forbidden",
    );
  });
});

describe("who may book for whom", () => {
  it("a doctor cannot book into another doctor's calendar, and nothing is written", async () => {
    const { doctor, patient } = await people();
    const intruder = await createDoctor(db());
    await refused(
      bookForPatient(
        db(),
        { id: intruder.id, role: "doctor" },
        { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payment: "clinic" },
        TEST_NOW,
      ),
      "forbidden",
      /own calendar/,
    );
    expect(await appointmentsOfDoctor(db(), doctor.id)).toEqual([]);
  });

  it("a patient, an anonymous caller and a demoted admin cannot book for anyone or search patients", async () => {
    const { doctor, patient } = await people();
    const demoted = await adminActor(db());
    await db().update(users).set({ role: "patient" }).where(eq(users.id, demoted.id));
    for (const actor of [{ id: patient.id, role: "patient" } as Actor, null, demoted]) {
      await refused(
        bookForPatient(db(), actor, { patientId: patient.id, doctorId: doctor.id, startsAt: TUESDAY_10, reason: "", payment: "clinic" }, TEST_NOW),
        "forbidden",
      );
      await refused(findPatientsForFrontDesk(db(), actor, "Phoned"), "forbidden");
    }
    expect(await appointmentsOfDoctor(db(), doctor.id)).toEqual([]);
    expect(await outboxRowsFor(db(), patient.id)).toEqual([]);
  });
});

describe("finding the patient", () => {
  it("an admin finds any patient by part of the name or email", async () => {
    const admin = await adminActor(db());
    const patient = await createPatient(db(), { fullName: `Searchable ${crypto.randomUUID()}` });
    const [byName] = await findPatientsForFrontDesk(db(), admin, (await nameOf(patient.id)).slice(0, 30));
    expect(byName?.id).toBe(patient.id);
    const byEmail = await findPatientsForFrontDesk(db(), admin, patient.email.slice(0, 20));
    expect(byEmail.map((row) => row.id)).toContain(patient.id);
  });

  it("a doctor finds their own patients by name, anyone else only by the exact email", async () => {
    const { doctor, doctorActor } = await people();
    const name = `Careful ${crypto.randomUUID()}`;
    const [mine, stranger] = [await createPatient(db(), { fullName: name }), await createPatient(db(), { fullName: name })];
    await bookAppointment(db(), { patientId: mine.id, doctorId: doctor.id, startsAt: TUESDAY_11, reason: "" }, TEST_NOW);
    expect((await findPatientsForFrontDesk(db(), doctorActor, name)).map((row) => row.id)).toEqual([mine.id]);
    expect((await findPatientsForFrontDesk(db(), doctorActor, stranger.email.toUpperCase())).map((row) => row.id)).toEqual([stranger.id]);
    expect(await findPatientsForFrontDesk(db(), doctorActor, stranger.email.slice(0, 20))).not.toContainEqual(expect.objectContaining({ id: stranger.id }));
  });
});

async function nameOf(userId: string): Promise<string> {
  const [row] = await db().select({ fullName: users.fullName }).from(users).where(eq(users.id, userId));
  return row!.fullName;
}
