import "server-only";
import { assertStrongPassword } from "@/lib/auth/password-strength";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import {
  deleteCertificateRow,
  getDoctorProfileForEdit,
  insertCertificate,
  listCertificates,
  replaceDoctorPhotoKey,
  replacePatientPhotoKey,
  updateDoctorProfile,
  upsertPatientProfile,
} from "@/db/queries/profiles";
import { getUserById, revokeOtherSessions, updatePasswordHash, updateUserFullName } from "@/db/queries/users";
import { specializationExists } from "@/db/queries/specializations";
import { emailKey } from "@/lib/auth/accounts";
import { checkPasswordAttempt } from "@/lib/auth/credentials";
import { lockoutMessage } from "@/lib/auth/lockout";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { logger, securityEvent } from "@/lib/logger";
import { resolvePlace } from "@/lib/places/resolve";
import { RateLimitedError } from "@/lib/security/rate-limits";
import { deleteFile, saveFile } from "@/lib/storage";
import { checkUpload } from "@/lib/storage/uploads";
import { PHOTO_CONTENT_TYPE, normalisePhoto } from "./photos";
import type { DoctorProfileInput, PatientProfileInput } from "./schemas";

export const MAX_CERTIFICATES = 20;

/** Only the names of what changed go to the audit log: profile values can be health data. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
}

export async function saveDoctorProfile(db: Db, doctorId: string, input: DoctorProfileInput): Promise<void> {
  if (!(await specializationExists(db, input.specializationId))) {
    throw new AppError("invalid_input", undefined, { specializationId: ["Choose your specialization from the list."] });
  }
  const { price, country, region, city, latitude, longitude, ...rest } = input;
  const values = { ...rest, ...resolvePlace({ country, region, city, latitude, longitude }), priceMinor: price };
  await db.transaction(async (tx) => {
    const current = await getDoctorProfileForEdit(tx, doctorId);
    if (!current) throw new AppError("not_found", "Your doctor profile could not be found.");
    await updateDoctorProfile(tx, doctorId, values);
    const fields = changedFields(current.profile, values);
    if (fields.length > 0)
      await insertAuditEntry(tx, {
        actorId: doctorId,
        actorRole: "doctor",
        action: "doctor_profile.updated",
        entityType: "doctor_profile",
        entityId: doctorId,
        after: { fields },
      });
  });
}

export async function savePatientProfile(db: Db, patientId: string, input: PatientProfileInput): Promise<void> {
  const { fullName, country, region, city, latitude, longitude, ...rest } = input;
  const profile = { ...rest, ...resolvePlace({ country, region, city, latitude, longitude }) };
  await db.transaction(async (tx) => {
    await updateUserFullName(tx, patientId, fullName);
    await upsertPatientProfile(tx, patientId, profile);
    await insertAuditEntry(tx, {
      actorId: patientId,
      actorRole: "patient",
      action: "patient_profile.updated",
      entityType: "patient_profile",
      entityId: patientId,
      after: { fields: Object.keys(input) },
    });
  });
}

/**
 * Changes the password of a signed-in user. The current password is checked
 * first (a borrowed, unlocked laptop must not be enough), under the same
 * lockout as sign-in and sharing its count (lib/auth/credentials.ts), so the
 * form is no faster a way to guess; then the new hash is stored and every
 * OTHER session is ended in the same transaction; the one making the change
 * stays signed in.
 */
export async function changePassword(
  db: Db,
  input: { userId: string; keepSessionId: string | null; currentPassword: string; newPassword: string },
  now: Date,
): Promise<{ endedSessions: number }> {
  const user = await getUserById(db, input.userId);
  if (!user || !user.active) throw new AppError("unauthenticated");
  const current = await checkPasswordAttempt(db, { emailKey: emailKey(user.email), passwordHash: user.passwordHash, password: input.currentPassword }, now);
  if (!current.ok) {
    securityEvent("password_change_refused", {
      userId: user.id,
      reason: current.failures === null ? "locked" : "wrong_current_password",
      failures: current.failures,
    });
    // A RateLimitedError (code rate_limited) carries the wait, so POST /api/v1/me/password answers Retry-After.
    if (current.reason === "locked") throw new RateLimitedError(current.retryAfterSeconds, lockoutMessage(current.retryAfterSeconds, "wrong passwords"));
    throw new AppError("invalid_input", "Please correct the highlighted field.", { currentPassword: ["That is not your current password."] });
  }
  assertStrongPassword(input.newPassword, user, "newPassword");
  if (await verifyPassword(user.passwordHash, input.newPassword)) {
    throw new AppError("invalid_input", "Please correct the highlighted field.", { newPassword: ["Choose a password different from your current one."] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const endedSessions = await db.transaction(async (tx) => {
    await updatePasswordHash(tx, user.id, passwordHash);
    const ended = await revokeOtherSessions(tx, user.id, input.keepSessionId, now);
    await insertAuditEntry(tx, {
      actorId: user.id,
      actorRole: user.role,
      action: "user.password_changed",
      entityType: "user",
      entityId: user.id,
      after: { endedSessions: ended },
    });
    return ended;
  });
  logger.info({ event: "password_changed", userId: user.id, endedSessions }, "password changed");
  return { endedSessions };
}

/** Checks, re-encodes and stores a profile photo, then points the profile at it. */
export async function setProfilePhoto(db: Db, input: { userId: string; role: "doctor" | "patient"; file: File | null }): Promise<void> {
  const upload = await checkUpload(input.file, "photo");
  if (!upload.ok) throw new AppError("invalid_input", "The photo was not saved.", { photo: [upload.message] });
  const photo = await normalisePhoto(upload.content);
  if (!photo) throw new AppError("invalid_input", "The photo was not saved.", { photo: ["We could not read that image. Try another JPEG, PNG or WebP file."] });
  const key = await saveFile("photos", photo, PHOTO_CONTENT_TYPE);
  let previous: string | null;
  try {
    previous = await db.transaction(async (tx) => {
      const old = input.role === "doctor" ? await replaceDoctorPhotoKey(tx, input.userId, key) : await replacePatientPhotoKey(tx, input.userId, key);
      await insertAuditEntry(tx, {
        actorId: input.userId,
        actorRole: input.role,
        action: "profile.photo_changed",
        entityType: `${input.role}_profile`,
        entityId: input.userId,
      });
      return old;
    });
  } catch (error) {
    await deleteFile(key); // the row never pointed at it
    throw error;
  }
  if (previous) await deleteFile(previous).catch(() => {});
}

export async function removeProfilePhoto(db: Db, input: { userId: string; role: "doctor" | "patient" }): Promise<void> {
  const previous = await db.transaction(async (tx) => {
    const old = input.role === "doctor" ? await replaceDoctorPhotoKey(tx, input.userId, null) : await replacePatientPhotoKey(tx, input.userId, null);
    if (old)
      await insertAuditEntry(tx, {
        actorId: input.userId,
        actorRole: input.role,
        action: "profile.photo_removed",
        entityType: `${input.role}_profile`,
        entityId: input.userId,
      });
    return old;
  });
  if (previous) await deleteFile(previous).catch(() => {});
}

/** Stores a certificate outside public/, for the doctor and the admins who verify them. */
export async function addCertificate(db: Db, input: { doctorId: string; file: File | null }) {
  const upload = await checkUpload(input.file, "certificate");
  if (!upload.ok) throw new AppError("invalid_input", "The certificate was not saved.", { certificate: [upload.message] });
  if ((await listCertificates(db, input.doctorId)).length >= MAX_CERTIFICATES) {
    throw new AppError("conflict", `You can keep up to ${MAX_CERTIFICATES} certificates. Remove one before adding another.`);
  }
  const key = await saveFile("certificates", upload.content, upload.contentType);
  try {
    return await db.transaction(async (tx) => {
      const certificate = await insertCertificate(tx, {
        doctorId: input.doctorId,
        fileKey: key,
        originalName: upload.originalName,
        contentType: upload.contentType,
        sizeBytes: upload.sizeBytes,
      });
      await insertAuditEntry(tx, {
        actorId: input.doctorId,
        actorRole: "doctor",
        action: "certificate.added",
        entityType: "certificate",
        entityId: certificate.id,
        after: { originalName: certificate.originalName, contentType: certificate.contentType, sizeBytes: certificate.sizeBytes },
      });
      return certificate;
    });
  } catch (error) {
    await deleteFile(key);
    throw error;
  }
}

export async function removeCertificate(db: Db, input: { doctorId: string; certificateId: string }): Promise<void> {
  const removed = await db.transaction(async (tx) => {
    const row = await deleteCertificateRow(tx, input.certificateId, input.doctorId);
    if (!row) throw new AppError("not_found", "We could not find that certificate.");
    await insertAuditEntry(tx, {
      actorId: input.doctorId,
      actorRole: "doctor",
      action: "certificate.removed",
      entityType: "certificate",
      entityId: row.id,
      before: { originalName: row.originalName },
    });
    return row;
  });
  await deleteFile(removed.fileKey).catch(() => {});
}
