import { getDb } from "@/lib/db";
import { sendCancellation } from "@/lib/notifications/appointments";
import { textCancellation } from "@/lib/notifications/sms/appointments";
import { inngest } from "../client";
import { appointmentCancelled } from "../events";

/** Tells both sides a visit was cancelled; the calendar file (METHOD:CANCEL) removes the entry. */
export const sendCancellationNotice = inngest.createFunction(
  { id: "send-cancellation-notice", name: "Cancellation emails and text", triggers: [appointmentCancelled] },
  async ({ event, step }) => {
    const patient = await step.run("email-patient-cancellation", () => sendCancellation(getDb(), event.data, "patient"));
    const doctor = await step.run("email-doctor-cancellation", () => sendCancellation(getDb(), event.data, "doctor"));
    const patientSms = await step.run("sms-patient-cancellation", () => textCancellation(getDb(), event.data.appointmentId));
    return { appointmentId: event.data.appointmentId, patient, doctor, patientSms };
  },
);
