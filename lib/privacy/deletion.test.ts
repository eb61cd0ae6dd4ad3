// "Delete my account" as the service runs it (the action adds the schema and
// the sign-out: app/patient/profile/delete-account.test.ts). A patient with
// something in every place their data lives deletes the account: everything
// personal is gone, from the tables, the storage and the audit entries' text;
// appointments and payments stay for the doctor and the accounts, without a
// name; upcoming visits are cancelled first and refunded by the policy.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAuthToken } from "@/db/queries/auth-tokens";
import { recordEmail } from "@/db/queries/emails";
import { ERASED_NAME, UNUSABLE_PASSWORD_HASH, erasedEmail } from "@/db/queries/patient-data";
import { getRatingSummary } from "@/db/queries/reviews";
import { getThrottle } from "@/db/queries/sign-in-throttle";
import {
  appointmentEvents,
  auditLog,
  authTokens,
  consultationNotes,
  emails,
  jobRuns,
  medicalRecords,
  patientProfiles,
  payments,
  recordShares,
  reviewReports,
  reviews,
  sessions,
} from "@/db/schema";
import { setUsersActiveState } from "@/lib/admin/users";
import { registerAccount } from "@/lib/auth/accounts";
import { verifyCredentials } from "@/lib/auth/credentials";
import { cancelAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { sendCancellation } from "@/lib/notifications/appointments";
import { TUESDAY_10, heldWithSession, paidAppointment, refundsOf, setUpPaymentTests } from "@/lib/payments/testing/test-kit";
import { useTemporaryStorage } from "@/lib/records/test-helpers";
import { FileMissingError, readFile } from "@/lib/storage";
import { atBoundary } from "@/tests/boundary";
import { TEST_NOW, adminActor, appointmentsOfPatient, createDoctor, getAppointment, localInstant, rejectionOf, sessionAt, userRow } from "@/tests/factories";
import { ACCOUNT_DELETED_REASON, deletePatientAccount } from "./deletion";
import { deleteAccountSchema } from "./schemas";
import { TEST_PASSWORD, patientWithData } from "./testing/patient-with-data";

const ctx = setUpPaymentTests();
let storageDir: string;
beforeAll(async () => {
  storageDir = await useTemporaryStorage();
});
afterAll(async () => {
  await fs.rm(storageDir, { recursive: true, force: true });
});

const MONDAY_14 = localInstant("2030-03-04", "14:00"); // 5 hours after TEST_NOW: inside the 24-hour windows
const WEDNESDAY_10 = localInstant("2030-03-06", "10:00");
const THURSDAY_10 = localInstant("2030-03-07", "10:00");

async function fileKeysOf(patientId: string) {
  const [profile] = await ctx.db.select({ photoKey: patientProfiles.photoKey }).from(patientProfiles).where(eq(patientProfiles.userId, patientId));
  const records = await ctx.db.select({ fileKey: medicalRecords.fileKey }).from(medicalRecords).where(eq(medicalRecords.patientId, patientId));
  return [profile!.photoKey!, ...records.map((row) => row.fileKey)];
}

/** A patient with all their data, three upcoming visits (paid far ahead, paid within the window, held for payment) and one they cancelled themselves. */
async function fullAccount(marker: string) {
  const doctor = await createDoctor(ctx.db, { fullName: "Dr. Keeps" });
  const data = await patientWithData(ctx.db, marker, { doctorId: doctor.id, password: true });
  const patientId = data.patient.id;
  const far = await paidAppointment(ctx.db, { doctorId: doctor.id, patientId, startsAt: TUESDAY_10 });
  // Booked an hour before the deletion: past the grace period after booking, so the refund policy alone decides.
  const near = await paidAppointment(ctx.db, { doctorId: doctor.id, patientId, startsAt: MONDAY_14, now: new Date(TEST_NOW.getTime() - 3_600_000) });
  // A second doctor for the rest: the booking caps allow two upcoming visits with one doctor.
  const second = await createDoctor(ctx.db, { fullName: "Dr. Also Keeps" });
  const held = await heldWithSession(ctx.db, { doctorId: second.id, patientId, startsAt: WEDNESDAY_10 });
  const ownCancellation = await paidAppointment(ctx.db, { doctorId: second.id, patientId, startsAt: THURSDAY_10 });
  await cancelAppointment(
    ctx.db,
    { appointmentId: ownCancellation.appointment.id, actor: { id: patientId, role: "patient" }, reason: `${marker}-my-cancel-reason` },
    TEST_NOW,
  );
  // The local runner's stored run of that event, as it keeps it.
  const cancelledEvent = {
    id: randomUUID(),
    name: "appointment/cancelled",
    data: { appointmentId: ownCancellation.appointment.id, cancelledBy: "patient", reason: `${marker}-my-cancel-reason` },
    ts: TEST_NOW.getTime(),
  };
  await ctx.db
    .insert(jobRuns)
    .values({ id: randomUUID(), functionId: "send-cancellation-notice", eventName: cancelledEvent.name, event: cancelledEvent, status: "completed" });
  await sessionAt(ctx.db, patientId);
  await sessionAt(ctx.db, patientId);
  await insertAuthToken(ctx.db, {
    userId: patientId,
    kind: "reset_password",
    tokenHash: `hash-${marker}-${patientId}`,
    expiresAt: new Date(TEST_NOW.getTime() + 3_600_000),
  });
  await recordEmail(ctx.db, {
    toAddress: data.patient.email,
    subject: `Hello ${marker}`,
    template: "test",
    html: `<p>${marker}</p>`,
    text: marker,
    provider: "mailbox",
    status: "stored",
    userId: patientId,
  });
  return { ...data, doctor, far, near, held, ownCancellation, files: await fileKeysOf(patientId) };
}

describe("deletePatientAccount", () => {
  it("cancels the upcoming visits by the refund policy, erases everything personal and keeps appointments and payments without a name", async () => {
    const account = await fullAccount("GONE");
    const { patient } = account;
    const appointmentsBefore = await appointmentsOfPatient(ctx.db, patient.id);

    const outcome = await deletePatientAccount(ctx.db, { patientId: patient.id, password: TEST_PASSWORD }, TEST_NOW);
    expect(outcome).toEqual({ cancelledAppointments: 3, refunds: ["€60.00"] });

    // The account: anonymised, unusable, signed out everywhere, its tokens gone.
    expect(await userRow(ctx.db, patient.id)).toMatchObject({
      email: erasedEmail(patient.id),
      fullName: ERASED_NAME,
      passwordHash: UNUSABLE_PASSWORD_HASH,
      active: false,
      deletedAt: TEST_NOW,
    });
    const open = await ctx.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, patient.id), sql`${sessions.revokedAt} is null`));
    expect(open).toEqual([]);
    expect(await ctx.db.select().from(authTokens).where(eq(authTokens.userId, patient.id))).toEqual([]);
    expect(await getThrottle(ctx.db, patient.email)).toBeNull();

    // Personal and medical information, photo, records (rows and files), reviews, reports: gone.
    const [profile] = await ctx.db.select().from(patientProfiles).where(eq(patientProfiles.userId, patient.id));
    expect(profile).toMatchObject({
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
    });
    expect(await ctx.db.select().from(medicalRecords).where(eq(medicalRecords.patientId, patient.id))).toEqual([]);
    expect(await ctx.db.select().from(recordShares).where(eq(recordShares.recordId, account.record.id))).toEqual([]);
    for (const key of account.files) expect(await rejectionOf(readFile(key))).toBeInstanceOf(FileMissingError);
    expect(await ctx.db.select().from(reviews).where(eq(reviews.patientId, patient.id))).toEqual([]);
    expect(await ctx.db.select().from(reviewReports).where(eq(reviewReports.reporterId, patient.id))).toEqual([]);
    // The doctor's average follows at once: only the other patient's 5 stars are left.
    expect(await getRatingSummary(ctx.db, account.doctor.id)).toMatchObject({ count: 1, average: 5 });

    // Appointments stay (same rows, same patient id, the doctor's notes with them), with the patient's words cleared.
    const after = await appointmentsOfPatient(ctx.db, patient.id);
    expect(after.map((a) => a.id).sort()).toEqual(appointmentsBefore.map((a) => a.id).sort());
    expect(after.every((a) => a.reason === "")).toBe(true);
    const byId = new Map(after.map((a) => [a.id, a]));
    expect(byId.get(account.visit.id)).toMatchObject({ status: "completed" });
    for (const upcoming of [account.far, account.near, account.held]) {
      expect(byId.get(upcoming.appointment.id)).toMatchObject({ status: "cancelled", cancelledBy: "patient", cancellationReason: ACCOUNT_DELETED_REASON });
    }
    expect(byId.get(account.ownCancellation.appointment.id)).toMatchObject({ status: "cancelled", cancellationReason: null });
    const notes = await ctx.db.select({ note: appointmentEvents.note }).from(appointmentEvents).where(eq(appointmentEvents.actorId, patient.id));
    expect(notes.filter((row) => row.note?.includes("GONE"))).toEqual([]);
    const [note] = await ctx.db.select().from(consultationNotes).where(eq(consultationNotes.appointmentId, account.visit.id));
    expect(note).toMatchObject({ body: "GONE-PRIVATE-NOTE-BODY" }); // the doctor's medical record

    // Payments stay; the money followed the patient's policy: far ahead in full, within the window nothing, the hold expired.
    const [farRefund] = await refundsOf(ctx.db, account.far.payment.id);
    expect(farRefund).toMatchObject({ amountMinor: 6000, status: "succeeded", requestedByRole: "patient" });
    expect(await refundsOf(ctx.db, account.near.payment.id)).toEqual([]);
    const kept = await ctx.db.select().from(payments).where(eq(payments.patientId, patient.id));
    expect(new Map(kept.map((p) => [p.id, p.status]))).toEqual(
      new Map([
        [account.payment.id, "partially_refunded"],
        [account.far.payment.id, "refunded"],
        [account.near.payment.id, "paid"],
        [account.held.payment.id, "expired"],
        [account.ownCancellation.payment.id, "refunded"],
      ]),
    );

    // Audit entries stay, the actor the anonymised row, the text they wrote removed.
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.actorId, patient.id));
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(["record.uploaded", "appointment.booked", "appointment.cancelled", "patient.account_deleted"]),
    );
    expect(JSON.stringify(audit)).not.toContain("GONE");
    expect(audit.find((row) => row.action === "record.uploaded")?.after).toMatchObject({ redacted: true, recordType: "lab_result" });

    // Stored emails to the address are gone; the one confirmation went to it after the erasure.
    const mail = await ctx.db.select().from(emails).where(eq(emails.toAddress, patient.email));
    expect(mail.map((row) => row.template)).toEqual(["account-deleted"]);
    expect(mail[0]!.text).toContain("3 upcoming appointments were cancelled");
    expect(mail[0]!.text).toContain("€60.00");
    expect(mail[0]!.text).not.toContain("GONE");

    // Nobody signs in to it again, by the old address or the placeholder.
    const later = new Date(TEST_NOW.getTime() + 3_600_000);
    expect(await verifyCredentials(ctx.db, patient.email, TEST_PASSWORD, later)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(ctx.db, erasedEmail(patient.id), TEST_PASSWORD, later)).toMatchObject({ ok: false });
  });

  it("leaves no marker of the patient anywhere but the doctor's consultation note", async () => {
    const account = await fullAccount("SWEEP");
    await deletePatientAccount(ctx.db, { patientId: account.patient.id, password: TEST_PASSWORD }, TEST_NOW);
    const found = await ctx.db.execute<{ place: string }>(sql`
      select 'users' as place from users where full_name like '%SWEEP%' or email = ${account.patient.email}
      union all select 'patient_profiles' from patient_profiles where concat_ws(' ', phone, city, allergies, chronic_conditions, current_medications, emergency_contact_name) like '%SWEEP%'
      union all select 'appointments' from appointments where reason like '%SWEEP%' or cancellation_reason like '%SWEEP%'
      union all select 'appointment_events' from appointment_events where note like '%SWEEP%'
      union all select 'medical_records' from medical_records where title like '%SWEEP%' or original_name like '%SWEEP%'
      union all select 'reviews' from reviews where body like '%SWEEP%'
      union all select 'review_reports' from review_reports where reason like '%SWEEP%'
      union all select 'audit_log' from audit_log where before::text like '%SWEEP%' or after::text like '%SWEEP%'
      union all select 'emails' from emails where html like '%SWEEP%' or text like '%SWEEP%' or subject like '%SWEEP%'
      union all select 'outbox_events' from outbox_events where payload::text like '%SWEEP%'
      union all select 'job_runs' from job_runs where event::text like '%SWEEP%'`);
    expect([...found].map((row) => row.place)).toEqual([]);
    const notes = await ctx.db.select({ body: consultationNotes.body }).from(consultationNotes).where(eq(consultationNotes.appointmentId, account.visit.id));
    expect(notes).toEqual([{ body: "SWEEP-PRIVATE-NOTE-BODY" }]);
  });

  it("a wrong password deletes nothing and counts toward the sign-in lockout: the third locks, then even the right one is refused", async () => {
    const account = await fullAccount("WRONG");
    const { patient } = account;
    const first = await rejectionOf(deletePatientAccount(ctx.db, { patientId: patient.id, password: "not my password" }, TEST_NOW));
    expect(first).toMatchObject({ code: "invalid_input", fieldErrors: { password: ["That is not your password."] } });
    expect(await getThrottle(ctx.db, patient.email)).toMatchObject({ failures: 1 });
    await rejectionOf(deletePatientAccount(ctx.db, { patientId: patient.id, password: "still not it" }, TEST_NOW));
    const third = await rejectionOf(deletePatientAccount(ctx.db, { patientId: patient.id, password: "nor this" }, TEST_NOW));
    expect(third).toMatchObject({ code: "rate_limited" });
    const locked = await rejectionOf(deletePatientAccount(ctx.db, { patientId: patient.id, password: TEST_PASSWORD }, TEST_NOW));
    expect(locked).toMatchObject({ code: "rate_limited" });
    // Nothing happened: the same user, the visits still booked, the files still there.
    expect(await userRow(ctx.db, patient.id)).toMatchObject({ email: patient.email, active: true, deletedAt: null });
    for (const visit of [account.far, account.near]) expect(await getAppointment(ctx.db, visit.appointment.id)).toMatchObject({ status: "confirmed" });
    for (const key of account.files) expect((await readFile(key)).byteLength).toBeGreaterThan(0);
  });

  it("the confirmation must be the word DELETE: anything else is refused at the boundary before the password is looked at", async () => {
    const account = await fullAccount("TYPO");
    const refused = await rejectionOf(
      atBoundary(deleteAccountSchema, { password: TEST_PASSWORD, confirmation: "delete" }, (input) =>
        deletePatientAccount(ctx.db, { patientId: account.patient.id, password: input.password }, TEST_NOW),
      ),
    );
    expect(refused).toMatchObject({ code: "invalid_input", fieldErrors: { confirmation: ["Type DELETE in capitals to confirm."] } });
    expect(await getThrottle(ctx.db, account.patient.email)).toBeNull();
    expect(await userRow(ctx.db, account.patient.id)).toMatchObject({ email: account.patient.email, deletedAt: null });
  });

  it("after deletion: a second attempt, a reactivation by an admin, a registration with the placeholder and the patient's pending notices all find nothing to act on", async () => {
    const account = await fullAccount("AFTER");
    await deletePatientAccount(ctx.db, { patientId: account.patient.id, password: TEST_PASSWORD }, TEST_NOW);

    expect(await rejectionOf(deletePatientAccount(ctx.db, { patientId: account.patient.id, password: TEST_PASSWORD }, TEST_NOW))).toMatchObject({
      code: "unauthenticated",
    });
    const admin = await adminActor(ctx.db);
    const reactivation = await rejectionOf(setUsersActiveState(ctx.db, admin, { userIds: [account.patient.id], active: true }, TEST_NOW));
    expect(reactivation).toBeInstanceOf(AppError);
    expect(reactivation).toMatchObject({ code: "conflict" });
    expect(await userRow(ctx.db, account.patient.id)).toMatchObject({ active: false });

    // Registering with the placeholder address makes no account and emails nobody.
    expect(
      await registerAccount(
        ctx.db,
        { fullName: "Someone", email: erasedEmail(account.patient.id), password: "a long enough passphrase", role: "patient" },
        TEST_NOW,
      ),
    ).toEqual({ userId: null });
    expect(
      await ctx.db
        .select()
        .from(emails)
        .where(eq(emails.toAddress, erasedEmail(account.patient.id))),
    ).toEqual([]);

    // The cancellation notices the deletion queued: the patient's is skipped (no address left), the doctor's names nobody.
    const cancelled = { appointmentId: account.far.appointment.id, cancelledBy: "patient", reason: ACCOUNT_DELETED_REASON };
    expect(await sendCancellation(ctx.db, cancelled, "patient")).toEqual({ outcome: "skipped", reason: "recipient account deleted" });
    const toDoctor = await sendCancellation(ctx.db, cancelled, "doctor");
    expect(toDoctor.outcome).toBe("stored");
    const [doctorEmail] = await ctx.db
      .select()
      .from(emails)
      .where(eq(emails.id, (toDoctor as { emailId: string }).emailId));
    expect(doctorEmail!.text).toContain(ERASED_NAME);
    expect(doctorEmail!.text).not.toContain("AFTER");
  });
});
