import { createElement } from "react";
import type { Db } from "@/db/client";
import { getDoctorContact } from "@/db/queries/profiles";
import { getUserById } from "@/db/queries/users";
import { absoluteUrl } from "@/lib/env";
import { sendFromJob, type MailResult } from "./mailer";
import { ReviewReplyEmail } from "./templates/review-emails";

/** Tells a patient the doctor answered their review (a kind they can switch off). */
export async function sendReviewReplyEmail(db: Db, input: { reviewId: string; patientId: string; doctorId: string }): Promise<MailResult> {
  const [patient, doctor] = await Promise.all([getUserById(db, input.patientId), getDoctorContact(db, input.doctorId)]);
  if (!patient || !doctor) return { outcome: "skipped", reason: "patient or doctor not found" };
  return sendFromJob(
    db,
    {
      to: patient.email,
      userId: patient.id,
      kind: "review_replies",
      template: "review-reply",
      subject: `${doctor.name} replied to your review`,
      body: createElement(ReviewReplyEmail, { name: patient.fullName, doctorName: doctor.name, url: absoluteUrl(`/doctors/${doctor.id}#reviews`) }),
      idempotencyKey: `review-reply/${input.reviewId}`,
    },
    `review reply email ${input.reviewId}`,
  );
}
