import { getDb } from "@/lib/db";
import { sendReschedule } from "@/lib/notifications/appointments";
import { textReschedule } from "@/lib/notifications/sms/appointments";
import { inngest } from "../client";
import { appointmentRescheduled } from "../events";

/**
 * Tells both sides about the new time. The calendar file keeps the UID of the
 * first booking with a higher SEQUENCE, so calendars move the entry.
 */
export const sendRescheduleNotice = inngest.createFunction(
  { id: "send-reschedule-notice", name: "Reschedule emails and text", triggers: [appointmentRescheduled] },
  async ({ event, step }) => {
    const patient = await step.run("email-patient-reschedule", () => sendReschedule(getDb(), event.data, "patient"));
    const doctor = await step.run("email-doctor-reschedule", () => sendReschedule(getDb(), event.data, "doctor"));
    const patientSms = await step.run("sms-patient-reschedule", () => textReschedule(getDb(), event.data.appointmentId));
    return { appointmentId: event.data.appointmentId, patient, doctor, patientSms };
  },
);
