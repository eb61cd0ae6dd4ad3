import "server-only";
import type { Db } from "@/db/client";
import type { AppointmentNotice } from "@/db/queries/appointments";
import { hasSentEmail } from "@/db/queries/emails";
import { getMobilePhone } from "@/db/queries/notifications";
import { absoluteUrl } from "@/lib/env";
import { formatTimeZone } from "@/lib/format";
import { loadNotice, reminderNotDue, type ReminderPlan } from "../appointments";
import type { MailResult } from "../mailer";
import { formatShortWhen } from "../templates/email-parts";
import { smsFromJob } from "./sender";

// The patient's text messages about a visit: short, in the patient's zone,
// and without health details — no reason, no notes, no specialty; the doctor's
// name, the time and a link to the visit page (behind sign-in) are all.
// Sent only to a confirmed mobile number, once per visit and message.

const when = (notice: AppointmentNotice) =>
  `${formatShortWhen(notice.startsAt, notice.patientTimeZone)} ${formatTimeZone(notice.patientTimeZone, notice.startsAt)}`;
const link = (notice: AppointmentNotice) => absoluteUrl(`/patient/appointments/${notice.id}`);

const texts = {
  "sms-booking-confirmation": (n: AppointmentNotice) => `Careslot: your appointment with ${n.doctorName} is confirmed for ${when(n)}. Details: ${link(n)}`,
  "sms-appointment-reminder": (n: AppointmentNotice) => `Careslot reminder: appointment with ${n.doctorName} on ${when(n)}. Details: ${link(n)}`,
  "sms-appointment-cancelled": (n: AppointmentNotice) => `Careslot: your appointment with ${n.doctorName} on ${when(n)} is cancelled.`,
  "sms-appointment-rescheduled": (n: AppointmentNotice) => `Careslot: your appointment with ${n.doctorName} has moved to ${when(n)}. Details: ${link(n)}`,
} as const;

type SmsTemplate = keyof typeof texts;

async function textPatient(db: Db, notice: AppointmentNotice, template: SmsTemplate, kind: "booking" | "reminders"): Promise<MailResult> {
  const phone = await getMobilePhone(db, notice.patientId);
  if (!phone) return { outcome: "skipped", reason: "no confirmed mobile number" };
  if (await hasSentEmail(db, { appointmentId: notice.id, template, toAddress: phone })) return { outcome: "skipped", reason: "already sent" };
  return smsFromJob(
    db,
    { to: phone, body: texts[template](notice), template, kind, userId: notice.patientId, appointmentId: notice.id },
    `sms ${template} to ${notice.id}`,
  );
}

export async function textConfirmation(db: Db, appointmentId: string): Promise<MailResult> {
  const notice = await loadNotice(db, appointmentId);
  if (notice.status !== "confirmed") return { outcome: "skipped", reason: `appointment is ${notice.status}` };
  return textPatient(db, notice, "sms-booking-confirmation", "booking");
}

export async function textCancellation(db: Db, appointmentId: string): Promise<MailResult> {
  const notice = await loadNotice(db, appointmentId);
  if (notice.status !== "cancelled") return { outcome: "skipped", reason: `appointment is ${notice.status}` };
  return textPatient(db, notice, "sms-appointment-cancelled", "booking");
}

export async function textReschedule(db: Db, appointmentId: string): Promise<MailResult> {
  return textPatient(db, await loadNotice(db, appointmentId), "sms-appointment-rescheduled", "booking");
}

/** The reminder rule (reminderNotDue) decides here exactly as for the email. */
export async function textReminder(db: Db, plan: ReminderPlan): Promise<MailResult> {
  const notice = await loadNotice(db, plan.appointmentId);
  const notDue = reminderNotDue(notice, plan);
  if (notDue) return { outcome: "skipped", reason: notDue };
  return textPatient(db, notice, "sms-appointment-reminder", "reminders");
}
