import "server-only";
import { and, asc, eq, gt, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  accounts,
  appointmentEvents,
  appointments,
  authTokens,
  consultationNotes,
  doctorProfiles,
  emails,
  jobRuns,
  medicalRecords,
  outboxEvents,
  patientProfiles,
  payments,
  recordShares,
  refunds,
  reviewReports,
  reviews,
  specializations,
  users,
} from "../schema";
import { doctorUser } from "./parties";

// A patient's own data as a whole: read for "Download my data", erased for
// "Delete my account" (lib/privacy). Every read is keyed on the patient's id
// and nothing else, so another patient's rows can never be in the answer; the
// consultation note's private body is never selected.

// ---------------------------------------------------------------- what an erased account looks like

/** The reserved `.invalid` top-level domain (RFC 2606) can never receive mail. */
export const ERASED_EMAIL_DOMAIN = "deleted.careslot.invalid";
export const ERASED_NAME = "Deleted patient";
/** Not an argon2 string: verifying any password against it fails, so nobody can sign in. */
export const UNUSABLE_PASSWORD_HASH = "!account-deleted";

/** Unique (users_email_lower_key) and non-deliverable. */
export const erasedEmail = (userId: string) => `deleted-${userId}@${ERASED_EMAIL_DOMAIN}`;
export const isErasedEmail = (address: string) => address.trim().toLowerCase().endsWith(`@${ERASED_EMAIL_DOMAIN}`);

// ---------------------------------------------------------------- export reads

export async function getPatientForExport(db: Db, patientId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      fullName: users.fullName,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
      deletedAt: users.deletedAt,
      profile: patientProfiles,
    })
    .from(users)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .where(and(eq(users.id, patientId), eq(users.role, "patient")));
  return row;
}

/** Every appointment of the patient with its doctor, and the note summary the doctor shared (never the note's body). */
export function listAppointmentsForExport(db: Db, patientId: string) {
  return db
    .select({
      id: appointments.id,
      doctorId: appointments.doctorId,
      doctorName: doctorUser.fullName,
      specialization: specializations.name,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      status: appointments.status,
      reason: appointments.reason,
      priceMinor: appointments.priceMinor,
      currency: appointments.currency,
      cancellationReason: appointments.cancellationReason,
      cancelledBy: appointments.cancelledBy,
      cancelledAt: appointments.cancelledAt,
      rescheduledFromId: appointments.rescheduledFromId,
      bookedAt: appointments.createdAt,
      patientSummary: consultationNotes.patientSummary,
    })
    .from(appointments)
    .innerJoin(doctorUser, eq(doctorUser.id, appointments.doctorId))
    .leftJoin(doctorProfiles, eq(doctorProfiles.userId, appointments.doctorId))
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .leftJoin(consultationNotes, eq(consultationNotes.appointmentId, appointments.id))
    .where(eq(appointments.patientId, patientId))
    .orderBy(asc(appointments.startsAt), asc(appointments.id));
}

/** The status history of the patient's appointments, as their appointment pages show it. */
export function listAppointmentHistoryForExport(db: Db, patientId: string) {
  return db
    .select({
      appointmentId: appointmentEvents.appointmentId,
      fromStatus: appointmentEvents.fromStatus,
      toStatus: appointmentEvents.toStatus,
      by: appointmentEvents.actorRole,
      note: appointmentEvents.note,
      at: appointmentEvents.createdAt,
    })
    .from(appointmentEvents)
    .innerJoin(appointments, eq(appointments.id, appointmentEvents.appointmentId))
    .where(eq(appointments.patientId, patientId))
    .orderBy(asc(appointmentEvents.createdAt), asc(appointmentEvents.id));
}

export function listPaymentsForExport(db: Db, patientId: string) {
  return db
    .select({
      id: payments.id,
      appointmentId: payments.appointmentId,
      doctorName: doctorUser.fullName,
      provider: payments.provider,
      status: payments.status,
      amountMinor: payments.amountMinor,
      refundedMinor: payments.refundedMinor,
      currency: payments.currency,
      paidAt: payments.paidAt,
      createdAt: payments.createdAt,
    })
    .from(payments)
    .innerJoin(doctorUser, eq(doctorUser.id, payments.doctorId))
    .where(eq(payments.patientId, patientId))
    .orderBy(asc(payments.createdAt), asc(payments.id));
}

export function listRefundsForExport(db: Db, patientId: string) {
  return db
    .select({
      id: refunds.id,
      paymentId: refunds.paymentId,
      amountMinor: refunds.amountMinor,
      status: refunds.status,
      reason: refunds.reason,
      createdAt: refunds.createdAt,
    })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(eq(payments.patientId, patientId))
    .orderBy(asc(refunds.createdAt), asc(refunds.id));
}

export function listReviewsForExport(db: Db, patientId: string) {
  return db
    .select({
      id: reviews.id,
      appointmentId: reviews.appointmentId,
      doctorName: doctorUser.fullName,
      rating: reviews.rating,
      body: reviews.body,
      status: reviews.status,
      doctorReply: reviews.doctorReply,
      createdAt: reviews.createdAt,
      editedAt: reviews.editedAt,
    })
    .from(reviews)
    .innerJoin(doctorUser, eq(doctorUser.id, reviews.doctorId))
    .where(eq(reviews.patientId, patientId))
    .orderBy(asc(reviews.createdAt), asc(reviews.id));
}

/** Reviews of others this person reported, with the reason they gave. */
export function listReviewReportsForExport(db: Db, userId: string) {
  return db
    .select({ reviewId: reviewReports.reviewId, reason: reviewReports.reason, createdAt: reviewReports.createdAt })
    .from(reviewReports)
    .where(eq(reviewReports.reporterId, userId))
    .orderBy(asc(reviewReports.createdAt), asc(reviewReports.id));
}

/** The patient's uploaded records with their storage keys (the files go into the archive) and where each is shared. */
export async function listRecordsForExport(db: Db, patientId: string) {
  const records = await db
    .select({
      id: medicalRecords.id,
      title: medicalRecords.title,
      recordType: medicalRecords.recordType,
      originalName: medicalRecords.originalName,
      contentType: medicalRecords.contentType,
      sizeBytes: medicalRecords.sizeBytes,
      fileKey: medicalRecords.fileKey,
      uploadedAt: medicalRecords.createdAt,
    })
    .from(medicalRecords)
    .where(eq(medicalRecords.patientId, patientId))
    .orderBy(asc(medicalRecords.createdAt), asc(medicalRecords.id));
  const shares = records.length
    ? await db
        .select({
          recordId: recordShares.recordId,
          appointmentId: recordShares.appointmentId,
          doctorName: doctorUser.fullName,
          sharedAt: recordShares.createdAt,
        })
        .from(recordShares)
        .innerJoin(doctorUser, eq(doctorUser.id, recordShares.doctorId))
        .where(
          inArray(
            recordShares.recordId,
            records.map((record) => record.id),
          ),
        )
        .orderBy(asc(recordShares.createdAt))
    : [];
  return records.map((record) => ({
    ...record,
    sharedWith: shares
      .filter((share) => share.recordId === record.id)
      .map((share) => ({ appointmentId: share.appointmentId, doctorName: share.doctorName, sharedAt: share.sharedAt })),
  }));
}

// ---------------------------------------------------------------- erasure

/** The account row, locked: a booking's foreign key check (FOR KEY SHARE) waits for the erasure to commit. */
export async function lockUserForErasure(tx: Db, userId: string) {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      fullName: users.fullName,
      role: users.role,
      active: users.active,
      deletedAt: users.deletedAt,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  return row;
}

/** The patient's appointments still to come that hold a slot: confirmed, or held for payment. */
export function listUpcomingActiveAppointments(db: Db, patientId: string, now: Date) {
  return db
    .select({ id: appointments.id, startsAt: appointments.startsAt, status: appointments.status })
    .from(appointments)
    .where(and(eq(appointments.patientId, patientId), inArray(appointments.status, ["confirmed", "pending_payment"]), gt(appointments.startsAt, now)))
    .orderBy(asc(appointments.startsAt));
}

export async function anonymiseUser(tx: Db, userId: string, now: Date): Promise<void> {
  // A linked Google account names its owner and would sign in to the emptied account.
  await tx.delete(accounts).where(eq(accounts.userId, userId));
  await tx
    .update(users)
    .set({ email: erasedEmail(userId), fullName: ERASED_NAME, passwordHash: UNUSABLE_PASSWORD_HASH, active: false, deletedAt: now })
    .where(eq(users.id, userId));
}

/** Empties every personal and medical field of the profile; returns the photo's key, for removal after commit. */
export async function clearPatientProfile(tx: Db, patientId: string): Promise<string | null> {
  const [before] = await tx.select({ photoKey: patientProfiles.photoKey }).from(patientProfiles).where(eq(patientProfiles.userId, patientId)).for("update");
  await tx
    .update(patientProfiles)
    .set({
      phone: null,
      dateOfBirth: null,
      gender: null,
      city: null,
      latitude: null,
      longitude: null,
      timeZone: "UTC",
      photoKey: null,
      allergies: null,
      chronicConditions: null,
      currentMedications: null,
      bloodType: null,
      emergencyContactName: null,
      emergencyContactPhone: null,
    })
    .where(eq(patientProfiles.userId, patientId));
  return before?.photoKey ?? null;
}

/** Deletes the patient's records (their shares go by cascade) and returns the file keys, for removal after commit. */
export async function deleteMedicalRecordsOfPatient(tx: Db, patientId: string): Promise<string[]> {
  const rows = await tx.delete(medicalRecords).where(eq(medicalRecords.patientId, patientId)).returning({ fileKey: medicalRecords.fileKey });
  return rows.map((row) => row.fileKey);
}

/** The patient's reviews (their reports go by cascade); averages are computed by query, so they follow at once. */
export async function deleteReviewsOfPatient(tx: Db, patientId: string): Promise<number> {
  const rows = await tx.delete(reviews).where(eq(reviews.patientId, patientId)).returning({ id: reviews.id });
  return rows.length;
}

/** Reports this person made of other people's reviews: the reason is their own words. */
export async function deleteReviewReportsBy(tx: Db, userId: string): Promise<number> {
  const rows = await tx.delete(reviewReports).where(eq(reviewReports.reporterId, userId)).returning({ id: reviewReports.id });
  return rows.length;
}

/**
 * The patient's own words on their appointments: the booking reason, and the
 * reasons they gave when cancelling (on the appointment and in its history).
 * `keepReason` is the account-deletion cancellation's own wording, which tells
 * the doctor why the visit went and holds nothing personal.
 */
export async function clearAppointmentTextsOfPatient(tx: Db, patientId: string, keepReason: string): Promise<void> {
  await tx
    .update(appointments)
    .set({ reason: "" })
    .where(and(eq(appointments.patientId, patientId), sql`${appointments.reason} <> ''`));
  await tx
    .update(appointments)
    .set({ cancellationReason: null })
    .where(
      and(
        eq(appointments.patientId, patientId),
        eq(appointments.cancelledBy, "patient"),
        isNotNull(appointments.cancellationReason),
        sql`${appointments.cancellationReason} <> ${keepReason}`,
      ),
    );
  await tx
    .update(appointmentEvents)
    .set({ note: null })
    .where(and(eq(appointmentEvents.actorId, patientId), isNotNull(appointmentEvents.note), sql`${appointmentEvents.note} <> ${keepReason}`));
}

/**
 * The same reasons as they travelled in the "appointment/cancelled" events: in
 * the outbox rows and in the local runner's stored runs (the event schema
 * needs a string, so it becomes ""). pg-boss's copies of delivered events go
 * with its own retention; an external Inngest keeps its own history.
 */
export async function clearCancellationReasonsInEvents(tx: Db, patientId: string, keepReason: string): Promise<void> {
  const ofPatient = sql`(select ${appointments.id}::text from ${appointments} where ${appointments.patientId} = ${patientId})`;
  await tx
    .update(outboxEvents)
    .set({ payload: sql`jsonb_set(${outboxEvents.payload}, '{reason}', '""')` })
    .where(
      and(
        eq(outboxEvents.name, "appointment/cancelled"),
        sql`${outboxEvents.payload}->>'cancelledBy' = 'patient'`,
        sql`${outboxEvents.payload}->>'reason' not in ('', ${keepReason})`,
        sql`${outboxEvents.payload}->>'appointmentId' in ${ofPatient}`,
      ),
    );
  await tx
    .update(jobRuns)
    .set({ event: sql`jsonb_set(${jobRuns.event}, '{data,reason}', '""')` })
    .where(
      and(
        eq(jobRuns.eventName, "appointment/cancelled"),
        sql`${jobRuns.event}->'data'->>'cancelledBy' = 'patient'`,
        sql`${jobRuns.event}->'data'->>'reason' not in ('', ${keepReason})`,
        sql`${jobRuns.event}->'data'->>'appointmentId' in ${ofPatient}`,
      ),
    );
}

export async function deleteAuthTokensOf(tx: Db, userId: string): Promise<void> {
  await tx.delete(authTokens).where(eq(authTokens.userId, userId));
}

/** The copies of every email sent to the person (the dev mailbox, the provider's log): names, visits, doctors. */
export async function deleteEmailsTo(tx: Db, input: { userId: string; email: string }): Promise<number> {
  const rows = await tx
    .delete(emails)
    .where(or(eq(emails.userId, input.userId), sql`lower(${emails.toAddress}) = lower(${input.email})`))
    .returning({ id: emails.id });
  return rows.length;
}

/**
 * Removes the free text the person wrote from the audit entries they made
 * (careslot_audit_redacted, migration 0015: body, title, originalName, reason,
 * cancellationReason), the one change besides the actor's foreign key that the
 * append-only trigger allows. Raw SQL on purpose: Drizzle's update would also
 * touch updated_at, which the trigger refuses.
 */
export async function redactAuditEntriesOf(tx: Db, actorId: string): Promise<number> {
  const rows = await tx.execute<{ id: string }>(sql`
    update audit_log set before = careslot_audit_redacted(before), after = careslot_audit_redacted(after)
    where actor_id = ${actorId}
      and (careslot_audit_redacted(before) is distinct from before or careslot_audit_redacted(after) is distinct from after)
    returning id`);
  return rows.length;
}
