import { getDb } from "@/lib/db";
import { sendVerificationEmail as sendDecisionEmail } from "@/lib/notifications/doctors";
import { inngest } from "../client";
import { doctorRejected, doctorVerified } from "../events";

/** Tells a doctor an administrator verified or rejected their profile. */
export const sendVerificationEmail = inngest.createFunction(
  { id: "send-verification-email", name: "Doctor verification email", triggers: [doctorVerified, doctorRejected] },
  async ({ event, step }) => {
    const decision =
      event.name === doctorRejected.name
        ? { decision: "rejected" as const, doctorId: event.data.doctorId, reason: event.data.reason }
        : { decision: "verified" as const, doctorId: event.data.doctorId };
    const email = await step.run("email-verification-decision", () => sendDecisionEmail(getDb(), decision));
    return { doctorId: event.data.doctorId, email };
  },
);
