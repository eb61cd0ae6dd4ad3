// A patient with something in every place their data lives, each piece carrying
// a marker string, for the export and deletion tests: profile and medical
// information, a photo, a past visit with the doctor's note (private body and
// shared summary), a clinic payment with a refund, a review, a report of
// someone else's review, and an uploaded record shared on the visit.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { upsertConsultationNote } from "@/db/queries/appointments";
import { upsertPatientProfile } from "@/db/queries/profiles";
import { reviewReports, reviews, users } from "@/db/schema";
import { insertPayment, insertRefund } from "@/inngest/testing/payments";
import { hashPassword } from "@/lib/auth/password";
import { setProfilePhoto } from "@/lib/profiles/service";
import { shareRecord, uploadRecord } from "@/lib/records/service";
import { fileOf, pdfBytes } from "@/lib/records/test-helpers";
import { createDoctor, createPatient, createReview, insertAppointmentRow } from "@/tests/factories";

export const TEST_PASSWORD = "correct horse battery staple";

let slot = 0;

/** A past hour no other builder uses, so the doctor's and the patient's no-overlap rules never trip. */
function pastHour(): Date {
  return new Date(Date.UTC(2028, 0, 1, 0, 0) + (slot++ + Math.floor(Math.random() * 1e6)) * 3_600_000);
}

export async function photoFile(): Promise<File> {
  const bytes = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#2a9d8f" } })
    .jpeg()
    .toBuffer();
  return new File([new Uint8Array(bytes)], "me.jpg", { type: "image/jpeg" });
}

export async function patientWithData(db: Db, marker: string, options: { doctorId?: string; password?: boolean } = {}) {
  const patient = await createPatient(db, { fullName: `${marker} Patient` });
  if (options.password)
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(TEST_PASSWORD) })
      .where(eq(users.id, patient.id));
  const doctorId = options.doctorId ?? (await createDoctor(db, { fullName: `Dr. ${marker}` })).id;
  await upsertPatientProfile(db, patient.id, {
    phone: `+49 ${marker} phone`,
    dateOfBirth: "1980-02-03",
    gender: "female",
    city: `${marker}-city`,
    latitude: 52.5,
    longitude: 13.4,
    timeZone: "Europe/Berlin",
    allergies: `${marker}-allergy`,
    chronicConditions: `${marker}-condition`,
    currentMedications: `${marker}-medication`,
    bloodType: "O+",
    emergencyContactName: `${marker}-emergency`,
    emergencyContactPhone: "+49 555",
  });
  await setProfilePhoto(db, { userId: patient.id, role: "patient", file: await photoFile() });

  const visit = await insertAppointmentRow(db, { doctorId, patientId: patient.id, startsAt: pastHour(), status: "completed", reason: `${marker}-reason` });
  await upsertConsultationNote(db, { appointmentId: visit.id, doctorId, body: `${marker}-PRIVATE-NOTE-BODY`, patientSummary: `${marker}-summary` });
  const payment = await insertPayment(db, visit, { provider: "clinic", status: "partially_refunded", refundedMinor: 1000 });
  const refund = await insertRefund(db, payment.id, { amountMinor: 1000, kind: "manual", reason: "Goodwill", requestedByRole: "admin" });
  const [review] = await db
    .insert(reviews)
    .values({ appointmentId: visit.id, doctorId, patientId: patient.id, rating: 2, body: `${marker}-review-body` })
    .returning();
  const other = await createReview(db, doctorId, 5, `Someone else's review ${randomUUID()}`);
  await db.insert(reviewReports).values({ reviewId: other.review.id, reporterId: patient.id, reason: `${marker}-report-reason` });

  const actor = { id: patient.id, role: "patient" as const };
  const recordBytes = pdfBytes(`${marker} lab results`);
  const record = await uploadRecord(db, actor, { title: `${marker}-lab-title`, recordType: "lab_result", file: fileOf(recordBytes, `${marker} lab.pdf`) });
  await shareRecord(db, actor, { recordId: record.id, appointmentId: visit.id });

  return { patient, doctorId, visit, payment, refund, review, reportedReviewId: other.review.id, record, recordBytes };
}
