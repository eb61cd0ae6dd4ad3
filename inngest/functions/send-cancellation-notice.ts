import { getDb } from "@/lib/db";
import { sendCancellation } from "@/lib/notifications/appointments";
import { inngest } from "../client";
import { appointmentCancelled } from "../events";

/** Tells both sides a visit was cancelled; the calendar file (METHOD:CANCEL) removes the entry. */
export const sendCancellationNotice = inngest.createFunction(
  { id: "send-cancellation-notice", name: "Cancellation emails", triggers: [appointmentCancelled] },
  async ({ event, step }) => {
    const patient = await step.run("email-patient-cancellation", () => sendCancellation(getDb(), event.data, "patient"));
    const doctor = await step.run("email-doctor-cancellation", () => sendCancellation(getDb(), event.data, "doctor"));
    return { appointmentId: event.data.appointmentId, patient, doctor };
  },
);
