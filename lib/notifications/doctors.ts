import { createElement } from "react";
import type { Db } from "@/db/client";
import { getDoctorContact } from "@/db/queries/profiles";
import { absoluteUrl } from "@/lib/env";
import { sendFromJob, type MailResult } from "./mailer";
import { DoctorApprovedMessage, DoctorRejectedMessage } from "./templates/admin-emails";

export type VerificationDecision = { decision: "verified"; doctorId: string } | { decision: "rejected"; doctorId: string; reason: string };

/**
 * Tells a doctor an administrator's verification decision. Sent only while
 * the decision still stands: a verification withdrawn before its email went
 * out is never announced as good news (the withdrawal has its own email).
 */
export async function sendVerificationEmail(db: Db, input: VerificationDecision): Promise<MailResult> {
  const doctor = await getDoctorContact(db, input.doctorId);
  if (!doctor) throw new Error(`doctor ${input.doctorId} not found`);
  if (doctor.verificationStatus !== input.decision) return { outcome: "skipped", reason: `doctor is ${doctor.verificationStatus}` };
  const common = { to: doctor.email, userId: doctor.id };
  if (input.decision === "verified") {
    return sendFromJob(
      db,
      {
        ...common,
        template: "doctor-approved",
        subject: "Your Careslot profile is verified",
        body: createElement(DoctorApprovedMessage, { name: doctor.name, profileUrl: absoluteUrl("/doctor") }),
      },
      `verification email to ${doctor.id}`,
    );
  }
  return sendFromJob(
    db,
    {
      ...common,
      template: "doctor-rejected",
      subject: "Your Careslot verification needs attention",
      body: createElement(DoctorRejectedMessage, { name: doctor.name, reason: input.reason, profileUrl: absoluteUrl("/doctor/profile") }),
    },
    `verification email to ${doctor.id}`,
  );
}
