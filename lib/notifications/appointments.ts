import { createElement } from "react";
import type { Db } from "@/db/client";
import { type AppointmentNotice, getAppointmentForNotice, getRescheduleChain } from "@/db/queries/appointments";
import { hasSentEmail } from "@/db/queries/emails";
import { absoluteUrl } from "@/lib/env";
import { buildCalendarFile, calendarAttachment, calendarUid, type CalendarEntry } from "./ics";
import { sendFromJob, type MailResult, type OutgoingEmail } from "./mailer";
import {
  BookingConfirmationDoctorEmail,
  BookingConfirmationPatientEmail,
  CancellationEmail,
  PaymentLinkEmail,
  ReminderEmail,
  RescheduleEmail,
  type PatientLinks,
  type VisitFacts,
} from "./templates/appointment-emails";
import { formatShortWhen } from "./templates/email-parts";

// What each appointment email says, to whom, with which calendar file; the
// Inngest functions (inngest/functions/send-*.ts) call these from their steps.
// Every helper re-reads the appointment, so a retried step never works from
// stale data, and throws when the provider refuses, so the step is retried.

export type Recipient = "patient" | "doctor";

export function patientLinks(appointmentId: string): PatientLinks {
  return {
    detailUrl: absoluteUrl(`/patient/appointments/${appointmentId}`),
    rescheduleUrl: absoluteUrl(`/patient/appointments/${appointmentId}/reschedule`),
    cancelUrl: absoluteUrl(`/patient/appointments/${appointmentId}/cancel`),
  };
}

/** The visit's calendar file as the patient downloads it: the same entry (UID, sequence) the emails carry. */
export async function appointmentCalendarFile(db: Db, appointmentId: string): Promise<string> {
  const notice = await loadNotice(db, appointmentId);
  return buildCalendarFile(await calendarEntry(db, notice, notice.status === "cancelled" ? "CANCEL" : "REQUEST"));
}

/** Clinic, address and city as one line, each part left out when an earlier one already says it ("Clinic, Clinic, City, City"). */
export function place(notice: { clinicName: string | null; address: string | null; city: string | null }): string | null {
  const parts: string[] = [];
  for (const part of [notice.clinicName, notice.address, notice.city]) {
    const text = part?.trim();
    if (!text) continue;
    const said = parts.join(", ").toLowerCase();
    if (said.includes(text.toLowerCase())) continue;
    // An address that starts with the clinic's name replaces it rather than repeating it.
    if (parts.length && text.toLowerCase().startsWith(parts[parts.length - 1]!.toLowerCase())) parts[parts.length - 1] = text;
    else parts.push(text);
  }
  return parts.join(", ") || null;
}

function visitFor(notice: AppointmentNotice, recipient: Recipient): VisitFacts {
  return {
    doctorName: notice.doctorName,
    patientName: notice.patientName,
    specialization: notice.specialization,
    startsAt: notice.startsAt,
    endsAt: notice.endsAt,
    timeZone: recipient === "patient" ? notice.patientTimeZone : notice.doctorTimeZone,
    place: place(notice),
  };
}

async function calendarEntry(db: Db, notice: AppointmentNotice, method: CalendarEntry["method"]): Promise<CalendarEntry> {
  const chain = (await getRescheduleChain(db, notice.id)) ?? { rootId: notice.id, moves: 0 };
  return {
    uid: calendarUid(chain.rootId),
    // Each move raises SEQUENCE by one; a cancellation is one more change on top.
    sequence: chain.moves + (method === "CANCEL" ? 1 : 0),
    method,
    startsAt: notice.startsAt,
    endsAt: notice.endsAt,
    title: `Appointment: ${notice.doctorName} and ${notice.patientName}`,
    description: `Careslot appointment with ${notice.doctorName}.`,
    location: place(notice) ?? undefined,
    url: absoluteUrl(`/patient/appointments/${notice.id}`),
    organizer: { name: notice.doctorName, email: notice.doctorEmail },
    attendee: { name: notice.patientName, email: notice.patientEmail },
  };
}

export async function loadNotice(db: Db, appointmentId: string): Promise<AppointmentNotice> {
  const notice = await getAppointmentForNotice(db, appointmentId);
  // Appointments are never deleted, so a missing one is a bad event: retrying cannot help.
  if (!notice) throw new Error(`appointment ${appointmentId} not found`);
  return notice;
}

/** Sends once per appointment, template and recipient: an earlier success makes a retry a no-op. */
async function deliver(db: Db, email: OutgoingEmail & { appointmentId: string }): Promise<MailResult> {
  if (await hasSentEmail(db, { appointmentId: email.appointmentId, template: email.template, toAddress: email.to })) {
    return { outcome: "skipped", reason: "already sent" };
  }
  return sendFromJob(db, email, `email ${email.template} to ${email.appointmentId}`);
}

/** `bookedBy`: the front desk booked it for the patient (the emails say who). */
export async function sendConfirmation(db: Db, appointmentId: string, recipient: Recipient, bookedBy?: "doctor" | "admin"): Promise<MailResult> {
  const notice = await loadNotice(db, appointmentId);
  if (notice.status !== "confirmed") return { outcome: "skipped", reason: `appointment is ${notice.status}` };
  const visit = visitFor(notice, recipient);
  const attachments = [calendarAttachment(await calendarEntry(db, notice, "REQUEST"))];
  const common = { appointmentId, attachments, kind: "booking" as const, idempotencyKey: `booking-confirmation/${appointmentId}/${recipient}` };
  if (recipient === "patient") {
    return deliver(db, {
      ...common,
      to: notice.patientEmail,
      userId: notice.patientId,
      template: "booking-confirmation-patient",
      subject: `Appointment confirmed: ${notice.doctorName}, ${formatShortWhen(notice.startsAt, visit.timeZone)}`,
      body: createElement(BookingConfirmationPatientEmail, { visit, links: patientLinks(appointmentId), bookedBy }),
    });
  }
  return deliver(db, {
    ...common,
    to: notice.doctorEmail,
    userId: notice.doctorId,
    template: "booking-confirmation-doctor",
    subject: `New appointment: ${notice.patientName}, ${formatShortWhen(notice.startsAt, visit.timeZone)}`,
    body: createElement(BookingConfirmationDoctorEmail, { visit, detailUrl: absoluteUrl(`/doctor/appointments/${appointmentId}`), bookedBy }),
  });
}

/**
 * The front desk held a visit for the patient to pay online: the patient is
 * emailed the link to pay (their appointment page, which opens Stripe
 * Checkout) and until when the time is held. Sent once, only while held.
 */
export async function sendPaymentLink(db: Db, appointmentId: string): Promise<MailResult> {
  const notice = await loadNotice(db, appointmentId);
  if (notice.status !== "pending_payment" || !notice.holdExpiresAt) return { outcome: "skipped", reason: `appointment is ${notice.status}` };
  const visit = visitFor(notice, "patient");
  return deliver(db, {
    appointmentId,
    to: notice.patientEmail,
    userId: notice.patientId,
    template: "appointment-payment-link",
    kind: "booking",
    subject: `Pay to confirm your appointment: ${notice.doctorName}, ${formatShortWhen(notice.startsAt, visit.timeZone)}`,
    body: createElement(PaymentLinkEmail, {
      visit,
      amountMinor: notice.priceMinor,
      currency: notice.currency,
      holdExpiresAt: notice.holdExpiresAt,
      payUrl: absoluteUrl(`/patient/appointments/${appointmentId}?checkout=start`),
    }),
    idempotencyKey: `appointment-payment-link/${appointmentId}`,
  });
}

export async function sendCancellation(
  db: Db,
  input: { appointmentId: string; cancelledBy: string; reason: string },
  recipient: Recipient,
): Promise<MailResult> {
  const notice = await loadNotice(db, input.appointmentId);
  if (notice.status !== "cancelled") return { outcome: "skipped", reason: `appointment is ${notice.status}` };
  const visit = visitFor(notice, recipient);
  const to = recipient === "patient" ? notice.patientEmail : notice.doctorEmail;
  return deliver(db, {
    appointmentId: notice.id,
    to,
    userId: recipient === "patient" ? notice.patientId : notice.doctorId,
    template: `appointment-cancelled-${recipient}`,
    kind: "booking",
    subject: `Appointment cancelled: ${recipient === "patient" ? notice.doctorName : notice.patientName}, ${formatShortWhen(notice.startsAt, visit.timeZone)}`,
    body: createElement(CancellationEmail, {
      visit,
      recipient,
      cancelledBy: input.cancelledBy === recipient ? "you" : input.cancelledBy,
      reason: input.reason,
      nextUrl: recipient === "patient" ? absoluteUrl(`/doctors/${notice.doctorId}`) : absoluteUrl("/doctor/appointments"),
    }),
    attachments: [calendarAttachment(await calendarEntry(db, notice, "CANCEL"))],
    idempotencyKey: `appointment-cancelled/${notice.id}/${recipient}`,
  });
}

export async function sendReschedule(db: Db, input: { appointmentId: string; previousStartsAt: string }, recipient: Recipient): Promise<MailResult> {
  const notice = await loadNotice(db, input.appointmentId);
  const visit = visitFor(notice, recipient);
  const links = recipient === "patient" ? patientLinks(notice.id) : { detailUrl: absoluteUrl(`/doctor/appointments/${notice.id}`) };
  return deliver(db, {
    appointmentId: notice.id,
    to: recipient === "patient" ? notice.patientEmail : notice.doctorEmail,
    userId: recipient === "patient" ? notice.patientId : notice.doctorId,
    template: `appointment-rescheduled-${recipient}`,
    kind: "booking",
    subject: `Appointment moved to ${formatShortWhen(notice.startsAt, visit.timeZone)}`,
    body: createElement(RescheduleEmail, { visit, recipient, previousStartsAt: new Date(input.previousStartsAt), links }),
    attachments: [calendarAttachment(await calendarEntry(db, notice, "REQUEST"))],
    idempotencyKey: `appointment-rescheduled/${notice.id}/${recipient}`,
  });
}

export type ReminderPlan = { appointmentId: string; plannedStartsAt: string; now: Date };

/**
 * The reminder rule, the same for every channel: why a reminder must not go
 * now (the visit is no longer confirmed, was moved, or has begun), or null.
 */
export function reminderNotDue(notice: Pick<AppointmentNotice, "status" | "startsAt">, plan: ReminderPlan): string | null {
  if (notice.status !== "confirmed") return `appointment is ${notice.status}`;
  if (notice.startsAt.getTime() !== new Date(plan.plannedStartsAt).getTime()) return "appointment time changed";
  if (plan.now.getTime() >= notice.startsAt.getTime()) return "appointment already started";
  return null;
}

/**
 * The reminder, decided at the last moment: only for a visit that is still
 * confirmed, still at the time the reminder was planned for, not yet begun,
 * and not reminded of before.
 */
export async function sendReminder(db: Db, input: ReminderPlan): Promise<MailResult> {
  const notice = await loadNotice(db, input.appointmentId);
  const notDue = reminderNotDue(notice, input);
  if (notDue) return { outcome: "skipped", reason: notDue };
  const visit = visitFor(notice, "patient");
  return deliver(db, {
    appointmentId: notice.id,
    to: notice.patientEmail,
    userId: notice.patientId,
    template: "appointment-reminder",
    kind: "reminders",
    subject: `Reminder: ${notice.doctorName}, ${formatShortWhen(notice.startsAt, visit.timeZone)}`,
    body: createElement(ReminderEmail, { visit, links: patientLinks(notice.id) }),
    idempotencyKey: `appointment-reminder/${notice.id}/${notice.startsAt.toISOString()}`,
  });
}
