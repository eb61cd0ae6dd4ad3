import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointments } from "@/db/schema";
import { bookAppointment } from "@/lib/booking/service";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, createDoctor, createPatient, insertAppointmentRow, localInstant } from "@/tests/factories";
import { emailsOf, bookedEvent } from "../testing/events";
import { sendBookingConfirmation } from "./send-booking-confirmation";

const db = useTestDb({ max: 3 });

describe("send-booking-confirmation", () => {
  it("emails the patient (with reschedule and cancel links) and the doctor, each in the reader's own time zone", async () => {
    const doctor = await createDoctor(db, { fullName: "Dr. Confirm" });
    const patient = await createPatient(db, { timeZone: "Asia/Kolkata" });
    const appointment = await bookAppointment(
      db,
      { patientId: patient.id, doctorId: doctor.id, startsAt: localInstant("2030-03-05", "10:00"), reason: "Check-up" },
      TEST_NOW,
    );

    const engine = new InngestTestEngine({ function: sendBookingConfirmation, events: [bookedEvent(appointment)] });
    const { result, ctx } = await engine.execute();

    expect(ctx.step.run).toHaveBeenCalledWith("email-patient-confirmation", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("email-doctor-confirmation", expect.any(Function));
    expect(result).toMatchObject({ patient: { outcome: "stored" }, doctor: { outcome: "stored" } });
    const emails = await emailsOf(db, appointment.id);
    expect(emails.map((email) => [email.template, email.toAddress])).toEqual([
      ["booking-confirmation-patient", patient.email],
      ["booking-confirmation-doctor", doctor.email],
    ]);
    const [toPatient, toDoctor] = emails;
    // 09:00 UTC is 14:30 in Kolkata and 10:00 in Berlin; each email names its zone.
    expect(toPatient.text).toContain("Tuesday 5 March 2030, 14:30, India time (UTC+5:30)");
    expect(toDoctor.text).toContain("Tuesday 5 March 2030, 10:00, Berlin time (UTC+1)");
    expect(toPatient.text).toContain(`http://localhost:3000/patient/appointments/${appointment.id}/reschedule`);
    expect(toPatient.text).toContain(`http://localhost:3000/patient/appointments/${appointment.id}/cancel`);
    expect(toDoctor.text).toContain(`http://localhost:3000/doctor/appointments/${appointment.id}`);
    expect(toPatient.subject).toBe("Appointment confirmed: Dr. Confirm, Tue 5 Mar 2030, 14:30");
    // The dev mailbox keeps the calendar file too, so it can be opened from /dev/mailbox.
    expect(toPatient.attachments).toEqual([expect.objectContaining({ filename: "appointment.ics", contentType: expect.stringMatching(/^text\/calendar/) })]);
    expect(toPatient.attachments![0].content).toContain("BEGIN:VCALENDAR");
  });

  it("sends nothing more when the run is repeated (a redelivered event or a retried step)", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const appointment = await bookAppointment(
      db,
      { patientId: patient.id, doctorId: doctor.id, startsAt: localInstant("2030-03-05", "11:00"), reason: "Check-up" },
      TEST_NOW,
    );
    await new InngestTestEngine({ function: sendBookingConfirmation, events: [bookedEvent(appointment)] }).execute();
    const { result } = await new InngestTestEngine({ function: sendBookingConfirmation, events: [bookedEvent(appointment)] }).execute();

    expect(result).toMatchObject({ patient: { outcome: "skipped", reason: "already sent" }, doctor: { outcome: "skipped", reason: "already sent" } });
    expect(await emailsOf(db, appointment.id)).toHaveLength(2);
  });

  it("does not confirm a visit that was cancelled before the job ran", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const appointment = await insertAppointmentRow(db, {
      doctorId: doctor.id,
      patientId: patient.id,
      startsAt: localInstant("2030-03-07", "09:00"),
      status: "cancelled",
    });

    const { result } = await new InngestTestEngine({ function: sendBookingConfirmation, events: [bookedEvent(appointment)] }).execute();

    expect(result).toMatchObject({ patient: { outcome: "skipped", reason: "appointment is cancelled" }, doctor: { outcome: "skipped" } });
    expect(await emailsOf(db, appointment.id)).toEqual([]);
  });

  it("skips a booking held for payment, and confirms it once the payment arrives", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const hold = await insertAppointmentRow(db, {
      doctorId: doctor.id,
      patientId: patient.id,
      startsAt: localInstant("2030-03-07", "10:00"),
      status: "pending_payment",
      holdExpiresAt: new Date(Date.now() + 30 * 60_000),
    });

    const held = await new InngestTestEngine({ function: sendBookingConfirmation, events: [bookedEvent(hold)] }).execute();
    expect(held.result).toMatchObject({ patient: { outcome: "skipped", reason: "appointment is pending_payment" }, doctor: { outcome: "skipped" } });
    expect(await emailsOf(db, hold.id)).toEqual([]);

    await db.update(appointments).set({ status: "confirmed", holdExpiresAt: null }).where(eq(appointments.id, hold.id));
    const paid = await new InngestTestEngine({
      function: sendBookingConfirmation,
      events: [{ name: "appointment/confirmed", data: { appointmentId: hold.id, startsAt: hold.startsAt.toISOString() } }],
    }).execute();
    expect(paid.result).toMatchObject({ patient: { outcome: "stored" }, doctor: { outcome: "stored" } });
    expect((await emailsOf(db, hold.id)).map((email) => email.template)).toEqual(["booking-confirmation-patient", "booking-confirmation-doctor"]);
  });

  it("a front-desk booking: the patient reads who booked it; a held one gets its payment link instead of a confirmation", async () => {
    const doctor = await createDoctor(db, { fullName: "Dr. Desk" });
    const patient = await createPatient(db);
    const booked = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: localInstant("2030-03-05", "13:00") });
    const confirmed = await new InngestTestEngine({
      function: sendBookingConfirmation,
      events: [{ ...bookedEvent(booked), data: { ...bookedEvent(booked).data, bookedBy: "admin" as const } }],
    }).execute();
    expect(confirmed.result).toMatchObject({ patient: { outcome: "stored" }, paymentLink: { outcome: "skipped" } });
    const [toPatient] = await emailsOf(db, booked.id);
    expect(toPatient!.text).toContain("The clinic booked this appointment for you.");

    const held = await insertAppointmentRow(db, {
      doctorId: doctor.id,
      patientId: patient.id,
      startsAt: localInstant("2030-03-05", "14:00"),
      status: "pending_payment",
      holdExpiresAt: new Date(TEST_NOW.getTime() + 3_600_000),
    });
    const linked = await new InngestTestEngine({
      function: sendBookingConfirmation,
      events: [{ ...bookedEvent(held), data: { ...bookedEvent(held).data, bookedBy: "doctor" as const } }],
    }).execute();
    expect(linked.result).toMatchObject({ patient: { outcome: "skipped" }, paymentLink: { outcome: "stored" } });
    expect((await emailsOf(db, held.id)).map((email) => [email.template, email.toAddress])).toEqual([["appointment-payment-link", patient.email]]);
  });
});
